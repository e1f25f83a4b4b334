// Behaviour of the magic-bytes sniffer: each common type from its first bytes, text and e-mail, else octet-stream.
import { decodeUtf8Text, sniffMediaType, SNIFF_BYTES } from './sniff';

const b = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffMediaType', () => {
  it.each([
    ['PDF', b('%PDF-1.7\n%\xe2\xe3'), 'application/pdf'],
    ['PNG', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['JPEG', b([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['GIF', b('GIF89a\x01\x00'), 'image/gif'],
    ['ZIP', b('PK\x03\x04\x14\x00\x00\x00readme.txt'), 'application/zip'],
    [
      'DOCX',
      b('PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....PK\x03\x04word/document.xml'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'XLSX',
      b('PK\x03\x04\x14\x00\x06\x00[Content_Types].xml....PK\x03\x04xl/workbook.xml'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['GZIP', b([0x1f, 0x8b, 0x08, 0]), 'application/gzip'],
    ['PE', b('MZ\x90\x00\x03\x00\x00\x00'), 'application/vnd.microsoft.portable-executable'],
    ['ELF', b([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'application/x-elf'],
    ['OLE (msg/doc)', b([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'application/x-ole-storage'],
    ['EML', Buffer.from('Received: from mx.example.org\r\nFrom: a@example.org\r\n\r\nbody'), 'message/rfc822'],
    ['UTF-8 text', Buffer.from('Connexions depuis 198.51.100.7 — élevé\n'), 'text/plain; charset=utf-8'],
    ['binary', b([0, 1, 2, 3, 250, 251]), 'application/octet-stream'],
    ['empty', Buffer.alloc(0), 'application/octet-stream'],
    ['Latin-1 text (not UTF-8)', b('caf\xe9 cr\xe8me'), 'application/octet-stream'],
  ])('recognises %s', (_name, head, type) => {
    expect(sniffMediaType(head)).toBe(type);
  });

  it('ignores the name a file claims: an executable called .txt is an executable', () => {
    expect(sniffMediaType(b('MZ', 'This program cannot be run in DOS mode'))).toBe('application/vnd.microsoft.portable-executable');
  });

  it('accepts text whose head cuts a multi-byte character in two', () => {
    const text = Buffer.from('é'.repeat(SNIFF_BYTES));
    expect(sniffMediaType(text.subarray(0, SNIFF_BYTES + 1))).toBe('text/plain; charset=utf-8');
    expect(decodeUtf8Text(text.subarray(0, 3), false)).toBeNull();
  });
});
