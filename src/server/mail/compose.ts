// Composing outgoing messages (RFC 5322 / MIME): a UTF-8 text part, wrapped as PGP/MIME (RFC 3156) when signed and
// when encrypted. Every line ends in CRLF and every part is 7-bit (base64), so a signature computed over a part
// verifies after any mail system has carried it. The OpenPGP work itself is done by the caller (pgp/).
import { randomBytes } from 'node:crypto';

/** A MIME entity: its Content-* header lines and body, CRLF throughout, without a final line break. */
export type Entity = string;

const base64Lines = (data: Buffer) => (data.toString('base64').match(/.{1,76}/g) ?? ['']).join('\r\n');
const boundary = () => `tocsin-${randomBytes(12).toString('hex')}`;

/** A header value: as is when printable ASCII, else RFC 2047 encoded words of at most 75 characters each. */
export function headerText(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(oneLine)) return oneLine;
  const words: string[] = [];
  let chunk = '';
  for (const ch of oneLine) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

export function textEntity(text: string): Entity {
  const body = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
  return ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
}

/** multipart/signed around `signed` (the exact bytes the detached `signature` covers). */
export function signedEntity(signed: Entity, signature: string, micalg: string): Entity {
  const b = boundary();
  return [
    `Content-Type: multipart/signed; micalg=${micalg}; protocol="application/pgp-signature"; boundary="${b}"`,
    '',
    `--${b}`,
    signed,
    `--${b}`,
    'Content-Type: application/pgp-signature; name="signature.asc"',
    'Content-Description: OpenPGP digital signature',
    'Content-Disposition: attachment; filename="signature.asc"',
    '',
    signature.replace(/\r?\n/g, '\r\n').trimEnd(),
    `--${b}--`,
  ].join('\r\n');
}

/** multipart/encrypted around an armoured OpenPGP message (the encrypted entity). */
export function encryptedEntity(armored: string): Entity {
  const b = boundary();
  return [
    `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: application/pgp-encrypted',
    'Content-Description: PGP/MIME version identification',
    '',
    'Version: 1',
    `--${b}`,
    'Content-Type: application/octet-stream; name="encrypted.asc"',
    'Content-Description: OpenPGP encrypted message',
    'Content-Disposition: inline; filename="encrypted.asc"',
    '',
    armored.replace(/\r?\n/g, '\r\n').trimEnd(),
    `--${b}--`,
  ].join('\r\n');
}

export interface Envelope {
  from: { name: string | null; address: string };
  to: string;
  subject: string;
  messageId: string;
  date: Date;
  inReplyTo?: string | null | undefined;
  /** Extra header fields (Auto-Submitted, X-Tocsin-Loop…), already safe. */
  headers?: Record<string, string>;
}

/** The whole message: its header fields, then the entity. */
export function message(env: Envelope, entity: Entity): Buffer {
  const from = env.from.name ? `${headerText(env.from.name.replace(/["\\]/g, ''))} <${env.from.address}>` : env.from.address;
  const lines = [
    `From: ${from}`,
    `To: ${env.to}`,
    `Subject: ${headerText(env.subject)}`,
    `Date: ${env.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${env.messageId}`,
    ...(env.inReplyTo ? [`In-Reply-To: ${env.inReplyTo}`, `References: ${env.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    ...Object.entries(env.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n${entity}\r\n`, 'utf8');
}
