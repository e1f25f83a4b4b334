// Media type from the first bytes of a file (magic numbers), never from the uploader's name or header:
// PDF, images, archives and Office files, executables, e-mail messages, UTF-8 text, else octet-stream.

/** How many leading bytes `sniffMediaType` looks at. */
export const SNIFF_BYTES = 8192;

export const OCTET_STREAM = 'application/octet-stream';
export const TEXT_PLAIN = 'text/plain; charset=utf-8';
export const MESSAGE_RFC822 = 'message/rfc822';

type Signature = { offset?: number; bytes: readonly number[]; type: string };

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { bytes: ascii('%PDF-'), type: 'application/pdf' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: 'image/png' },
  { bytes: [0xff, 0xd8, 0xff], type: 'image/jpeg' },
  { bytes: ascii('GIF87a'), type: 'image/gif' },
  { bytes: ascii('GIF89a'), type: 'image/gif' },
  { bytes: [0x1f, 0x8b], type: 'application/gzip' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], type: 'application/x-7z-compressed' },
  { bytes: ascii('Rar!\u001a\u0007'), type: 'application/vnd.rar' },
  // Compound File Binary: legacy Word/Excel documents and Outlook .msg messages.
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], type: 'application/x-ole-storage' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], type: 'application/x-elf' },
  { bytes: ascii('MZ'), type: 'application/vnd.microsoft.portable-executable' },
  { bytes: [0xd4, 0xc3, 0xb2, 0xa1], type: 'application/vnd.tcpdump.pcap' },
  { bytes: [0xa1, 0xb2, 0xc3, 0xd4], type: 'application/vnd.tcpdump.pcap' },
  { bytes: [0x0a, 0x0d, 0x0d, 0x0a], type: 'application/x-pcapng' },
];

const ZIP_HEADERS: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0x50, 0x4b, 0x07, 0x08],
];

const OOXML: readonly [marker: string, type: string][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

// The header names that start a stored e-mail (.eml) in practice.
const MAIL_HEADER =
  /^(?:Received|Return-Path|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To|Reply-To|X-[A-Za-z0-9-]+|Authentication-Results|DKIM-Signature|ARC-[A-Za-z-]+|Content-Type):[ \t]/i;

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

/** The media type of a file given its first bytes (pass at least SNIFF_BYTES when the file is longer). */
export function sniffMediaType(head: Uint8Array): string {
  if (head.length === 0) return OCTET_STREAM;
  if (ZIP_HEADERS.some((z) => startsWith(head, z))) return zipType(head);
  for (const s of SIGNATURES) if (startsWith(head, s.bytes, s.offset)) return s.type;
  const text = decodeUtf8Text(head, head.length >= SNIFF_BYTES);
  if (text === null) return OCTET_STREAM;
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return MAIL_HEADER.test(firstLine) ? MESSAGE_RFC822 : TEXT_PLAIN;
}

/** Office Open XML documents are ZIP files whose entry names tell the kind. */
function zipType(head: Uint8Array): string {
  const names = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  if (names.includes('[Content_Types].xml') || OOXML.some(([marker]) => names.includes(marker))) {
    for (const [marker, type] of OOXML) if (names.includes(marker)) return type;
  }
  return 'application/zip';
}

/**
 * The bytes as text when they are UTF-8 without NUL or other binary control characters; null otherwise.
 * `cut` tolerates a multi-byte character split at the end (the head of a longer file).
 */
export function decodeUtf8Text(bytes: Uint8Array, cut = false): string | null {
  let end = bytes.length;
  if (cut) {
    // Step back over at most 3 continuation bytes and their lead byte if the sequence is incomplete.
    let i = end - 1;
    while (i >= 0 && end - i <= 4 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i -= 1;
    const lead = bytes[i] ?? 0;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (i >= 0 && end - i < need) end = i;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
  } catch {
    return null;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return null;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control += 1;
  }
  return control * 100 > text.length ? null : text;
}

/** True for types whose content is text we may read for observables. */
export function isTextType(mediaType: string): boolean {
  return mediaType.startsWith('text/') || mediaType === MESSAGE_RFC822;
}
