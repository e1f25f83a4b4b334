// The MIME adapter: a raw message (RFC 5322 bytes) read with mailparser into what the mailbox needs: header fields,
// text, attachments, and where OpenPGP sits in it (PGP/MIME RFC 3156: multipart/encrypted and multipart/signed;
// inline armour in the text). No database, no keys: the mailbox decides what to do with it.
import type { AddressObject, ParsedMail } from 'mailparser';
import { cleanText } from '#shared/text';

export interface MimeAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMessage {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null } | null;
  to: string[];
  subject: string;
  date: Date | null;
  text: string;
  attachments: MimeAttachment[];
  /** Why it must not open a report (RFC 3834 auto-replies, bulk, delivery reports), null for a message from a person. */
  automatic: { kind: 'auto-reply' | 'bounce' | 'loop'; why: string } | null;
  pgp:
    | { kind: 'encrypted-mime'; armored: string }
    | { kind: 'signed-mime'; signed: Buffer; signature: string }
    | { kind: 'encrypted-inline'; armored: string }
    | { kind: 'signed-inline'; block: string }
    | null;
}

// Why loaded on first use: mailparser and its charset tables are large, and a server without mail never needs them.
let library: Promise<typeof import('mailparser')> | null = null;
const mailparser = () => (library ??= import('mailparser'));

export class MimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MimeError';
  }
}

const first = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));
/** A Message-ID as kept: one line, at most 500 characters (longer ones are not real identifiers). */
const clip = (v: string | null | undefined): string | null => {
  const s = cleanText(v ?? '', 'identity').trim();
  return s && s.length <= 500 ? s : null;
};
const header = (p: ParsedMail, name: string): string | null => {
  const v = p.headers.get(name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  return JSON.stringify(v);
};
const addresses = (a: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value).flatMap((v) => (v.address ? [{ address: v.address, name: v.name }] : []));

/** RFC 3834 and the headers mail systems use in practice: such messages never open a report. */
function automaticOf(p: ParsedMail, envelopeFrom: string | null): ParsedMessage['automatic'] {
  const contentType = p.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value === 'multipart/report' && /delivery-status/i.test(contentType.params?.['report-type'] ?? ''))
    return { kind: 'bounce', why: 'a delivery status notification (multipart/report)' };
  if (envelopeFrom === '' || /^(mailer-daemon|postmaster)@/i.test(addresses(p.from)[0]?.address ?? ''))
    return { kind: 'bounce', why: 'sent by a mail system (empty return path or MAILER-DAEMON)' };
  if (header(p, 'x-tocsin-loop')) return { kind: 'loop', why: 'a message Tocsin itself sent came back (X-Tocsin-Loop)' };
  const autoSubmitted = header(p, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.trim().toLowerCase() !== 'no') return { kind: 'auto-reply', why: `Auto-Submitted: ${autoSubmitted}` };
  for (const h of ['x-autoreply', 'x-autorespond']) if (header(p, h)) return { kind: 'auto-reply', why: `${h} header` };
  const precedence = header(p, 'precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return { kind: 'auto-reply', why: `Precedence: ${precedence}` };
  return null;
}

/**
 * The first part of a multipart/signed message, byte for byte as signed (RFC 3156 §5: with CRLF line endings), and
 * the armoured signature of its second part. Read from the raw bytes: a parser's rendering would not verify.
 */
export function splitSigned(raw: Buffer, boundary: string): { signed: Buffer; signatureRaw: Buffer } {
  const text = raw.toString('latin1');
  const delimiter = `--${boundary}`;
  const positions: number[] = [];
  const re = new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    positions.push(m.index, m.index + m[0].length);
    if (m[1]) break;
  }
  // Delimiters: start of part 1, start of part 2, the closing one.
  if (positions.length < 6) throw new MimeError('A multipart/signed message without its two parts');
  const bodyStart = (at: number) => (text.startsWith('\r\n', at) ? at + 2 : text.startsWith('\n', at) ? at + 1 : at);
  const part1 = text.slice(bodyStart(positions[1] as number), positions[2]);
  const part2 = text.slice(bodyStart(positions[3] as number), positions[4]);
  const crlf = (s: string) => Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'latin1');
  return { signed: crlf(part1), signatureRaw: Buffer.from(part2, 'latin1') };
}

const ARMORED_MESSAGE = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/;
const CLEARTEXT_SIGNED = /-----BEGIN PGP SIGNED MESSAGE-----[\s\S]*?-----END PGP SIGNATURE-----/;

/** Parses a raw message; a MimeError when mailparser cannot make sense of it. */
export async function parseMessage(raw: Buffer, opts: { envelopeFrom?: string | null } = {}): Promise<ParsedMessage> {
  let p: ParsedMail;
  try {
    const { simpleParser } = await mailparser();
    p = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  } catch (err) {
    throw new MimeError(`Unreadable MIME: ${err instanceof Error ? err.message : String(err)}`);
  }
  const from = addresses(p.from)[0] ?? null;
  // Text from outside that cannot be refused: what Tocsin's text rule forbids (NUL, controls) is removed.
  const text = cleanText((p.text ?? '').replace(/\r\n/g, '\n'));
  const attachments = p.attachments.map((a) => ({
    filename: a.filename ?? 'attachment',
    contentType: a.contentType,
    content: a.content,
  }));
  const contentType = p.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  let pgp: ParsedMessage['pgp'] = null;
  if (contentType?.value === 'multipart/encrypted' && /pgp-encrypted/i.test(contentType.params?.protocol ?? '')) {
    const body = attachments.find((a) => a.contentType !== 'application/pgp-encrypted');
    const armored = body?.content.toString('latin1').match(ARMORED_MESSAGE)?.[0];
    if (!armored) throw new MimeError('A PGP/MIME encrypted message without an OpenPGP message in it');
    pgp = { kind: 'encrypted-mime', armored };
  } else if (contentType?.value === 'multipart/signed' && /pgp-signature/i.test(contentType.params?.protocol ?? '')) {
    const boundary = contentType.params?.boundary;
    if (!boundary) throw new MimeError('A multipart/signed message without a boundary');
    const { signed, signatureRaw } = splitSigned(raw, boundary);
    const signature = signatureRaw.toString('latin1').match(/-----BEGIN PGP SIGNATURE-----[\s\S]*?-----END PGP SIGNATURE-----/)?.[0];
    if (!signature) throw new MimeError('A PGP/MIME signed message without its signature');
    pgp = { kind: 'signed-mime', signed, signature };
  } else {
    const armored = text.match(ARMORED_MESSAGE)?.[0];
    const block = text.match(CLEARTEXT_SIGNED)?.[0];
    if (armored) pgp = { kind: 'encrypted-inline', armored };
    else if (block) pgp = { kind: 'signed-inline', block };
  }
  return {
    messageId: clip(first(p.messageId)),
    inReplyTo: clip(first(p.inReplyTo)),
    references: (Array.isArray(p.references) ? p.references : (p.references ?? '').split(/\s+/)).flatMap((r) => clip(r) ?? []).slice(-100),
    from: from
      ? { address: cleanText(from.address, 'identity').toLowerCase(), name: cleanText(from.name, 'identity').trim() || null }
      : null,
    to: addresses(p.to).map((a) => cleanText(a.address, 'identity').toLowerCase()),
    subject: cleanText(p.subject ?? '', 'line'),
    date: p.date ?? null,
    text,
    attachments: pgp?.kind === 'encrypted-mime' || pgp?.kind === 'signed-mime' ? [] : attachments,
    automatic: automaticOf(p, opts.envelopeFrom ?? null),
    pgp,
  };
}
