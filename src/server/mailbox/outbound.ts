// Mail out: the messages features queued in the outbox (acknowledgments, pages, escalations, SLA warnings, change
// notices) delivered by the transport, each signed with the team's active key (PGP/MIME) and, when the recipient
// is a contact with an OpenPGP key, encrypted to it (and to the team, which keeps a readable copy). Each message
// sent is kept in the mailbox (raw bytes, Message-ID) on its report or incident, so that replies thread onto it.
// A failed try is retried with a growing delay; a message is never sent twice (a lease, on any instance).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Ctx } from '#server/ctx';
import { recordAudit } from '#server/audit/audit.service';
import { encryptBytes, signDetachedBytes } from '#server/pgp/pgp';
import { encryptedEntity, message, signedEntity, textEntity } from '#server/mail/compose';
import type { Transport } from '#server/mail/transport';
import type { AttachmentStore } from '#server/storage/storage';
import { unsafeContactKeysByEmail } from '#server/organisations/organisations.service';
import { unsafeTeamSender } from '#server/team/team.service';
import { unsafeClaimPending, unsafeMarkFailed, unsafeMarkSent } from '#server/outbox/outbox.service';
import * as repo from './mailbox.repo';

export interface OutboundDeps {
  storage: AttachmentStore;
  teamKeyPassphrase: string;
  transport: Transport;
  /** The domain of Message-IDs and of the loop marker (the instance's public host). */
  host: string;
}

const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;
/** 1 min, 2, 4 … after each failed try; after MAX_ATTEMPTS the message is failed for good (visible, never dropped). */
const retryDelayMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);
const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Delivers up to `limit` pending messages; how many were sent and how many failed this time. */
export async function deliverPending(ctx: Ctx, deps: OutboundDeps, limit = 20): Promise<{ sent: number; failed: number }> {
  const now = ctx.clock.now();
  const batch = await unsafeClaimPending(ctx.db, now, new Date(now.getTime() + LEASE_MS), limit);
  if (!batch.length) return { sent: 0, failed: 0 };
  const sender = await unsafeTeamSender(ctx.db);
  const fromAddress = sender.email ?? `tocsin@${deps.host}`;
  let sent = 0;
  let failed = 0;
  for (const m of batch) {
    try {
      const messageId = `<${randomUUID()}@${deps.host}>`;
      // An expired key is no way to encrypt (revoked ones are not even listed): such a recipient gets the message signed.
      const recipientKeys = (await unsafeContactKeysByEmail(ctx.db, m.recipient))
        .filter((k) => !k.expiresAt || k.expiresAt > now)
        .map((k) => k.armoredPublic);
      const encrypted = recipientKeys.length > 0;
      const signing = sender.key ? { armoredPrivate: sender.key.armoredPrivate, passphrase: deps.teamKeyPassphrase } : undefined;
      let entity = textEntity(m.body);
      if (encrypted) {
        // Encrypted and signed in one OpenPGP message (RFC 3156 §6.2), to the recipient and to the team.
        const to = [...recipientKeys, ...(sender.key ? [sender.key.armoredPublic] : [])];
        entity = encryptedEntity(await encryptBytes(Buffer.from(entity), to, signing));
      } else if (signing) {
        const { signature, micalg } = await signDetachedBytes(Buffer.from(entity), signing);
        entity = signedEntity(entity, signature, micalg);
      }
      const raw = message(
        {
          from: { name: sender.name, address: fromAddress },
          to: m.recipient,
          subject: m.subject,
          messageId,
          date: now,
          // Notifications are automatic: auto-responders must not answer them, and our own listener ignores them back.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Tocsin-Loop': deps.host },
        },
        entity,
      );
      await deps.transport.send(raw, { from: fromAddress, to: [m.recipient] });
      const blob = await deps.storage.put(raw);
      await ctx.db.transaction(async (tx) => {
        const row = await repo.insertMessage(tx, {
          direction: 'out',
          channel: deps.transport.kind,
          status: 'processed',
          rawSha256: blob.sha256,
          rawSize: blob.size,
          envelopeFrom: fromAddress,
          envelopeTo: [m.recipient],
          messageId,
          fromAddress,
          fromName: sender.name,
          toAddresses: [m.recipient],
          subject: m.subject,
          sentAt: now,
          text: m.body,
          encryption: encrypted ? 'pgp-mime' : 'none',
          signature: sender.key ? 'valid' : 'none',
          signerKey: sender.key?.fingerprint ?? null,
          reportId: m.relatedType === 'report' && isUuid(m.relatedId) ? m.relatedId : null,
          incidentId: m.relatedType === 'incident' && isUuid(m.relatedId) ? m.relatedId : null,
          attempts: m.attempts + 1,
          receivedAt: now,
          processedAt: now,
        });
        await unsafeMarkSent(tx, m.id, messageId, now);
        await recordAudit(tx, ctx, {
          action: 'mail.send',
          entity: ['mail', row.id],
          summary: { outbox: m.id, to: m.recipient, transport: deps.transport.kind, encrypted, signed: Boolean(sender.key) },
        });
      });
      sent++;
    } catch (err) {
      failed++;
      const attempts = m.attempts + 1;
      const text = err instanceof Error ? err.message : String(err);
      ctx.log.warn({ err, outbox: m.id, attempts }, 'a message could not be delivered');
      await unsafeMarkFailed(ctx.db, m.id, text, attempts < MAX_ATTEMPTS ? new Date(now.getTime() + retryDelayMs(attempts)) : null);
    }
  }
  return { sent, failed };
}

/** Delivers every few seconds until stopped (the server runs this; one delivery at a time in this process). */
export function startDelivery(opts: { deps: OutboundDeps; makeCtx: () => Ctx; log: Logger; everyMs?: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => deliverPending(opts.makeCtx(), opts.deps))
      .catch((err: unknown) => opts.log.error({ err }, 'mail delivery failed'));
  };
  const first = setTimeout(tick, 1_000);
  const timer = setInterval(tick, opts.everyMs ?? 5_000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
