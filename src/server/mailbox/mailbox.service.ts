// The team's mailbox, inbound: a message is first kept (raw bytes in the attachment store, a row saying it was
// received), and only then processed: parsed, decrypted with the team's keys (active and retired), its signature
// checked against the sender's known keys, then ignored (auto-replies, bounces, loops), threaded onto the report
// or incident it answers, or opened as a new report through the web form's intake. Whatever fails leaves the
// message in quarantine with the reason, to be processed again once the cause is fixed: never lost.
import { Readable } from 'node:stream';
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { parseMessage, MimeError, type ParsedMessage, type MimeAttachment } from '#server/mail/mime';
import {
  decryptMessage,
  openCleartext,
  PgpError,
  unlockForDecryption,
  verifyDetachedWith,
  type SignatureCheck,
  type UnlockedKey,
} from '#server/pgp/pgp';
import type { AttachmentStore } from '#server/storage/storage';
import { StoreLimitError } from '#server/storage/storage';
import { unsafeTeamPrivateKeys } from '#server/team/team.service';
import { unsafeContactKeysByEmail } from '#server/organisations/organisations.service';
import { REFERENCE_PREFIX, submitEmailReport, unsafeReportIdByReference } from '#server/reports/reports.service';
import { unsafeIncidentIdByReference } from '#server/incidents/incidents.service';
import { cleanText } from '#shared/text';
import { REPORT_LIMITS } from '#shared/reports/reports.schemas';
import * as repo from './mailbox.repo';
import type { MailMessageRow } from './mailbox.table';
import type { MailboxPage, MailboxQuery, MailMessage, MailReasonCode } from '#shared/mailbox/mailbox.schemas';

export interface MailboxDeps {
  storage: AttachmentStore;
  /** Unlocks the team's private keys (instance-secret.ts). */
  teamKeyPassphrase: string;
  /** The instance's public address, for the tracking link of reports opened by mail. */
  publicBase: string;
}

/** What the sending side told us, besides the bytes. */
export interface Envelope {
  channel: MailMessageRow['channel'];
  from: string | null;
  to: string[];
  remoteAddress: string | null;
}

/** The largest message kept; the SMTP listener refuses larger ones before accepting them. */
export const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;

export function toMailMessage(row: MailMessageRow): MailMessage {
  return {
    id: row.id,
    direction: row.direction,
    channel: row.channel,
    status: row.status,
    reasonCode: (row.reasonCode as MailReasonCode | null) ?? null,
    reason: row.reason,
    rawSha256: row.rawSha256,
    rawSize: row.rawSize,
    envelopeFrom: row.envelopeFrom,
    envelopeTo: row.envelopeTo,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
    toAddresses: row.toAddresses,
    subject: row.subject,
    sentAt: row.sentAt?.toISOString() ?? null,
    text: row.text,
    encryption: row.encryption,
    signature: row.signature,
    signerKey: row.signerKey,
    signerContactId: row.signerContactId,
    attachments: row.attachments,
    reportId: row.reportId,
    incidentId: row.incidentId,
    attempts: row.attempts,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}

/**
 * Keeps a message as it arrived: its bytes in the store (written and synced before this resolves), a row saying it
 * was received. The SMTP listener answers 250 only after this: an accepted message survives a crash right after.
 */
export async function receiveMessage(
  ctx: Ctx,
  deps: Pick<MailboxDeps, 'storage'>,
  raw: Buffer,
  envelope: Envelope,
): Promise<MailMessageRow> {
  const blob = await deps.storage.put(raw, { maxBytes: MAX_MESSAGE_BYTES });
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertMessage(tx, {
      direction: 'in',
      channel: envelope.channel,
      status: 'received',
      rawSha256: blob.sha256,
      rawSize: blob.size,
      envelopeFrom: envelope.from,
      envelopeTo: envelope.to,
      remoteAddress: envelope.remoteAddress,
      receivedAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'mail.receive',
      entity: ['mail', row.id],
      summary: { channel: envelope.channel, from: envelope.from, to: envelope.to, size: blob.size, sha256: blob.sha256 },
    });
    return row;
  });
}

// Unlocked team keys, by fingerprint: unlocking costs a key derivation that a message should not pay. The promise is
// kept, not its result: messages arriving together while a key is being unlocked wait for that one unlocking.
const unlocked = new Map<string, Promise<UnlockedKey | undefined>>();

async function teamKeys(db: Db, passphrase: string): Promise<UnlockedKey[]> {
  const keys = await unsafeTeamPrivateKeys(db);
  const found = await Promise.all(
    keys.map((k) => {
      let key = unlocked.get(k.fingerprint);
      if (!key) {
        key = unlockForDecryption([{ armoredPrivate: k.armoredPrivate, passphrase }]).then((u) => u[0]);
        unlocked.set(k.fingerprint, key);
      }
      return key;
    }),
  );
  return found.filter((k): k is UnlockedKey => k !== undefined);
}

type SenderKey = Awaited<ReturnType<typeof unsafeContactKeysByEmail>>[number];

class Quarantine extends Error {
  constructor(
    readonly code: MailReasonCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the message says once opened: its readable content, how it was protected and who signed it. */
interface Opened {
  text: string;
  attachments: MimeAttachment[];
  encryption: NonNullable<MailMessageRow['encryption']>;
  signature: SignatureCheck;
}

async function open(db: Db, deps: MailboxDeps, parsed: ParsedMessage, senderKeys: SenderKey[]): Promise<Opened> {
  const verifiers = senderKeys.map((k) => k.armoredPublic);
  const unsigned: SignatureCheck = { status: 'none', signer: null };
  const pgp = parsed.pgp;
  if (!pgp) return { text: parsed.text, attachments: parsed.attachments, encryption: 'none', signature: unsigned };
  try {
    switch (pgp.kind) {
      case 'encrypted-mime': {
        const { data, signature } = await decryptMessage(pgp.armored, await teamKeys(db, deps.teamKeyPassphrase), verifiers);
        // The plaintext is a MIME entity of its own: text, attachments, maybe a PGP/MIME signature inside.
        const inner = await parseMessage(Buffer.from(data));
        if (inner.pgp?.kind === 'signed-mime') {
          const innerSignature = await verifyDetachedWith(inner.pgp.signed, inner.pgp.signature, verifiers);
          const signed = await parseMessage(inner.pgp.signed);
          return { text: signed.text, attachments: signed.attachments, encryption: 'pgp-mime', signature: innerSignature };
        }
        return { text: inner.text, attachments: inner.attachments, encryption: 'pgp-mime', signature };
      }
      case 'encrypted-inline': {
        const { data, signature } = await decryptMessage(pgp.armored, await teamKeys(db, deps.teamKeyPassphrase), verifiers);
        const text = parsed.text.replace(pgp.armored, () => cleanText(new TextDecoder().decode(data)));
        return { text, attachments: parsed.attachments, encryption: 'pgp-inline', signature };
      }
      case 'signed-mime': {
        const signature = await verifyDetachedWith(pgp.signed, pgp.signature, verifiers);
        const signed = await parseMessage(pgp.signed);
        return { text: signed.text, attachments: signed.attachments, encryption: 'none', signature };
      }
      case 'signed-inline': {
        const { text, signature } = await openCleartext(pgp.block, verifiers);
        return {
          text: parsed.text.replace(pgp.block, () => cleanText(text)),
          attachments: parsed.attachments,
          encryption: 'none',
          signature,
        };
      }
    }
  } catch (err) {
    if (err instanceof PgpError && (err.code === 'cannot-decrypt' || err.code === 'not-a-message'))
      throw new Quarantine('cannot-decrypt', err.message);
    if (err instanceof PgpError && err.code === 'not-a-signature')
      return { text: parsed.text, attachments: parsed.attachments, encryption: 'none', signature: { status: 'bad', signer: null } };
    if (err instanceof MimeError) throw new Quarantine('malformed', `The decrypted content is not readable MIME: ${err.message}`);
    throw err;
  }
}

// References of reports (TOC-2026-000123) and incidents (TOC-INC-2026-000045) in a subject.
const REPORT_REFERENCE = new RegExp(`\\b${REFERENCE_PREFIX}-\\d{4}-\\d{6}\\b`);
const INCIDENT_REFERENCE = new RegExp(`\\b${REFERENCE_PREFIX}-INC-\\d{4}-\\d{6}\\b`);

/** The report or incident a message answers: by the reference in its subject, else by the messages it replies to. */
async function threadFor(db: Db, parsed: ParsedMessage): Promise<{ reportId: string | null; incidentId: string | null } | null> {
  const incident = parsed.subject.match(INCIDENT_REFERENCE)?.[0];
  if (incident) {
    const id = await unsafeIncidentIdByReference(db, incident);
    if (id) return { reportId: null, incidentId: id };
  }
  const report = parsed.subject.match(REPORT_REFERENCE)?.[0];
  if (report) {
    const id = await unsafeReportIdByReference(db, report);
    if (id) return { reportId: id, incidentId: null };
  }
  // Its own Message-ID too: the same message sent twice joins the report the first one opened.
  const ids = [parsed.messageId, parsed.inReplyTo, ...parsed.references].filter((x): x is string => Boolean(x));
  return repo.threadOf(db, ids);
}

/** `[URGENT]` in any case, or the word URGENT in capitals: the team's published convention for emergencies. */
export function isUrgentSubject(subject: string): boolean {
  return /\[\s*urgent\s*\]/i.test(subject) || /(^|[^A-Za-z])URGENT([^A-Za-z]|$)/.test(subject);
}

/**
 * Keeps the message's attachments in the store (content-addressed) and lists them on the message, within the limits
 * of a report's files: more or larger ones put the message in quarantine, where it stays whole.
 */
async function keepAttachments(storage: AttachmentStore, list: MimeAttachment[]): Promise<MailMessageRow['attachments']> {
  const { attachmentsPerReport: most, attachmentBytes: largest } = REPORT_LIMITS;
  if (list.length > most) throw new Quarantine('too-large', `The message carries ${list.length} attachments; at most ${most} are taken`);
  const out: MailMessageRow['attachments'] = [];
  for (const a of list) {
    const filename =
      cleanText(a.filename.split(/[/\\]/).pop() ?? '', 'identity')
        .trim()
        .slice(0, 200) || 'attachment';
    if (a.content.length > largest)
      throw new Quarantine('too-large', `The attachment ${filename} is larger than ${largest / 1024 / 1024} MB`);
    const blob = await storage.put(a.content, { maxBytes: largest });
    out.push({ filename, sha256: blob.sha256, size: blob.size, mediaType: a.contentType });
  }
  return out;
}

async function readRaw(storage: AttachmentStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Processes a received (or quarantined) message once: whichever outcome, the row says it, and an error never escapes
 * for a message (it is quarantined with the reason). Resolves with the row as it ends.
 */
export async function processMessage(ctx: Ctx, deps: MailboxDeps, id: string, raw?: Buffer): Promise<MailMessageRow> {
  // Why: the sweep may find a message this process is still working on: the second call waits for the first. Across
  // instances, the lease taken in processOnce decides (processing a message twice would open two reports).
  const running = processing.get(id);
  if (running) return running;
  const work = processOnce(ctx, deps, id, raw).finally(() => processing.delete(id));
  processing.set(id, work);
  return work;
}

const processing = new Map<string, Promise<MailMessageRow>>();

/** How long a worker may take over one message before another may take it up. */
const LEASE_MS = 5 * 60_000;

async function processOnce(ctx: Ctx, deps: MailboxDeps, id: string, received?: Buffer): Promise<MailMessageRow> {
  const now = ctx.clock.now();
  const row = await repo.claimMessage(ctx.db, id, now, new Date(now.getTime() + LEASE_MS));
  if (!row) {
    // Done already, or being processed elsewhere (another instance): as it stands.
    const current = await repo.findMessage(ctx.db, id);
    if (!current) throw new AppError('not-found', { detail: `No message ${id}` });
    return current;
  }
  let parsed: ParsedMessage | null = null;
  const headerFields = (p: ParsedMessage) => ({
    messageId: p.messageId,
    inReplyTo: p.inReplyTo,
    references: p.references,
    fromAddress: p.from?.address ?? null,
    fromName: p.from?.name ?? null,
    toAddresses: p.to,
    subject: p.subject,
    sentAt: p.date && !Number.isNaN(p.date.getTime()) ? p.date : null,
  });
  try {
    // Just received: the bytes are at hand (and were stored first); later, they are read back from the store.
    const raw = received ?? (await readRaw(deps.storage, row.rawSha256));
    try {
      parsed = await parseMessage(raw, { envelopeFrom: row.envelopeFrom });
    } catch (err) {
      if (err instanceof MimeError) throw new Quarantine('malformed', err.message);
      throw err;
    }
    const p = parsed;
    if (p.automatic)
      return await finish(ctx, row, { ...headerFields(p), status: 'ignored', reasonCode: p.automatic.kind, reason: p.automatic.why });
    const contacts = p.from ? await unsafeContactKeysByEmail(ctx.db, p.from.address) : [];
    const opened = await open(ctx.db, deps, p, contacts);
    const signer = opened.signature.status === 'valid' || opened.signature.status === 'bad' ? opened.signature.signer : null;
    const signerContactId =
      opened.signature.status === 'valid' ? (contacts.find((c) => c.fingerprint === signer)?.contactId ?? null) : null;
    const attachments = await keepAttachments(deps.storage, opened.attachments);
    const common = {
      ...headerFields(p),
      attachments,
      text: opened.text,
      encryption: opened.encryption,
      signature: opened.signature.status,
      signerKey: opened.signature.signer,
      signerContactId,
    };
    const thread = await threadFor(ctx.db, p);
    if (thread) return await finish(ctx, row, { ...common, ...thread, status: 'processed', reasonCode: null, reason: null });
    if (!p.from) throw new Quarantine('malformed', 'The message names no sender (From)');
    const receipt = await submitEmailReport(
      ctx,
      { subject: p.subject, body: opened.text, from: p.from, urgent: isUrgentSubject(p.subject), sentAt: p.date },
      opened.attachments.map((a, i) => ({ field: `attachment ${i + 1}`, filename: a.filename, stream: Readable.from([a.content]) })),
      deps,
    ).catch((err: unknown) => {
      if (err instanceof AppError && err.slug === 'payload-too-large') throw new Quarantine('too-large', err.detail ?? 'Too large');
      if (err instanceof StoreLimitError) throw new Quarantine('too-large', err.message);
      throw err;
    });
    return await finish(ctx, row, { ...common, reportId: receipt.id, status: 'processed', reasonCode: null, reason: null });
  } catch (err) {
    const q = err instanceof Quarantine ? err : new Quarantine('failed', err instanceof Error ? err.message : String(err));
    if (!(err instanceof Quarantine)) ctx.log.error({ err, messageId: id }, 'mail processing failed; the message is in quarantine');
    const encrypted = parsed?.pgp?.kind === 'encrypted-mime' ? 'pgp-mime' : parsed?.pgp?.kind === 'encrypted-inline' ? 'pgp-inline' : null;
    return finish(ctx, row, {
      ...(parsed ? headerFields(parsed) : {}),
      ...(encrypted ? { encryption: encrypted } : {}),
      status: 'quarantined',
      reasonCode: q.code,
      reason: q.message.slice(0, 2000),
    });
  }
}

async function finish(ctx: Ctx, row: MailMessageRow, patch: Partial<MailMessageRow>): Promise<MailMessageRow> {
  return ctx.db.transaction(async (tx) => {
    const updated = await repo.updateMessage(tx, row.id, {
      ...patch,
      attempts: row.attempts + 1,
      processedAt: ctx.clock.now(),
      leaseUntil: null,
    });
    await recordAudit(tx, ctx, {
      action: `mail.${updated.status === 'processed' ? 'process' : updated.status === 'ignored' ? 'ignore' : 'quarantine'}`,
      entity: ['mail', row.id],
      summary: {
        status: updated.status,
        reasonCode: updated.reasonCode,
        reportId: updated.reportId,
        incidentId: updated.incidentId,
        encryption: updated.encryption,
        signature: updated.signature,
        signerKey: updated.signerKey,
      },
    });
    return updated;
  });
}

/** Processes messages left received by an interrupted run (older than a minute): at start, then now and then. */
export async function processPending(ctx: Ctx, deps: MailboxDeps, olderThanMs = 60_000): Promise<number> {
  const now = ctx.clock.now();
  const ids = await repo.pendingIds(ctx.db, new Date(now.getTime() - olderThanMs), now, 100);
  for (const id of ids) await processMessage(ctx, deps, id);
  return ids.length;
}

/** A quarantined message processed again (after its key was imported, say), by a team member. */
export async function reprocessMessage(ctx: Ctx, deps: MailboxDeps, id: string): Promise<MailMessage> {
  const row = await repo.findMessage(ctx.db, id);
  if (!row) throw new AppError('not-found', { detail: `No message ${id}` });
  if (row.status !== 'quarantined' && row.status !== 'received')
    throw new AppError('mail-state', { detail: `The message is ${row.status}; only a quarantined message is processed again` });
  return toMailMessage(await processMessage(ctx, deps, id));
}

export async function listMailbox(ctx: Ctx, q: MailboxQuery): Promise<MailboxPage> {
  let before: { receivedAt: Date; id: string } | undefined;
  if (q.before) {
    const [at, id] = q.before.split('_');
    const date = new Date(at ?? '');
    if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
      throw new AppError('validation-failed', {
        detail: 'Unknown cursor',
        fields: [{ path: 'query.before', message: 'Unknown cursor', code: 'invalid_format' }],
      });
    before = { receivedAt: date, id };
  }
  const rows = await repo.listMessages(ctx.db, ctx.actor, {
    status: q.status,
    direction: q.direction,
    unthreaded: q.unthreaded === 'true',
    reportId: q.reportId,
    before,
    limit: q.limit,
  });
  const last = rows.at(-1);
  return {
    items: rows.map(toMailMessage),
    nextBefore: rows.length === q.limit && last ? `${last.receivedAt.toISOString()}_${last.id}` : null,
  };
}

export async function getMessage(ctx: Ctx, id: string): Promise<MailMessage> {
  const [row] = await repo.listMessages(ctx.db, ctx.actor, { id, limit: 1 });
  if (!row) throw new AppError('not-found', { detail: `No message ${id}` });
  return toMailMessage(row);
}
