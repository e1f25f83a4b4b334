// Uploaded files of reports: stored content-addressed within the size and count limits, typed from their
// bytes, named safely, read back as text for observables, and offered for download only as attachments.
import type { Readable } from 'node:stream';
import { AppError } from '#server/http/errors';
import { readHead, StoreLimitError, type AttachmentStore } from '#server/storage/storage';
import { decodeUtf8Text, isTextType, sniffMediaType, SNIFF_BYTES } from '#server/storage/sniff';
import { REPORT_LIMITS } from '#shared/reports/reports.schemas';

/** A file as it arrives (a multipart part): read once, in order. */
export interface IncomingFile {
  /** The form field it came in, for error messages. */
  field: string;
  /** The name the uploader gave; sanitised before use. */
  filename: string;
  stream: Readable;
}

export type FileSource = AsyncIterable<IncomingFile> | Iterable<IncomingFile>;

export interface StoredFile {
  filename: string;
  sha256: string;
  size: number;
  mediaType: string;
}

/** Text attachments larger than this are kept but not read for observables. */
export const TEXT_SCAN_BYTES = 1024 * 1024;
const FILENAME_MAX = 200;
const MB = 1024 * 1024;

/**
 * The last path segment of an uploaded name, without control or bidirectional-override characters,
 * at most 200 characters (keeping the extension). Why: the name is shown to analysts and offered
 * back in Content-Disposition; a path, a hidden RTL override ("cod.exe" shown as "exe.doc") or a
 * header-breaking character must not survive.
 */
export function sanitiseFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[\s.]+/, '')
    .trim();
  if (!cleaned) return 'attachment';
  const chars = Array.from(cleaned);
  if (chars.length <= FILENAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  const keep = ext.length > 0 && ext.length <= 20 ? ext : [];
  return chars.slice(0, FILENAME_MAX - keep.length).join('') + keep.join('');
}

/**
 * Stores each incoming file, refusing the request (413, naming the file) when one is larger than
 * REPORT_LIMITS.attachmentBytes or when the report would hold more than REPORT_LIMITS.attachmentsPerReport.
 * Files stored before a refusal stay in the store unreferenced (content-addressed, harmless; a sweep may remove them).
 */
export async function storeFiles(store: AttachmentStore, files: FileSource, already = 0): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  let i = 0;
  for await (const file of files) {
    const filename = sanitiseFilename(file.filename);
    if (already + i >= REPORT_LIMITS.attachmentsPerReport) {
      file.stream.resume();
      throw new AppError('payload-too-large', {
        detail: `A report holds at most ${REPORT_LIMITS.attachmentsPerReport} attachments`,
        fields: [
          {
            path: `body.${file.field}`,
            message: `At most ${REPORT_LIMITS.attachmentsPerReport} files per report`,
            code: 'too_many_files',
            params: { maximum: REPORT_LIMITS.attachmentsPerReport },
          },
        ],
      });
    }
    let blob: { sha256: string; size: number };
    try {
      blob = await store.put(file.stream, { maxBytes: REPORT_LIMITS.attachmentBytes });
    } catch (err) {
      if (!(err instanceof StoreLimitError)) throw err;
      throw new AppError('payload-too-large', {
        detail: `${filename} is larger than ${REPORT_LIMITS.attachmentBytes / MB} MB`,
        fields: [
          {
            path: `body.${file.field}.${i}`,
            message: `Larger than ${REPORT_LIMITS.attachmentBytes / MB} MB`,
            code: 'file_too_large',
            params: { maximum: REPORT_LIMITS.attachmentBytes / MB },
          },
        ],
      });
    }
    const head = await readHead(store, blob.sha256, SNIFF_BYTES);
    stored.push({ filename, sha256: blob.sha256, size: blob.size, mediaType: sniffMediaType(head) });
    i += 1;
  }
  return stored;
}

/** The content of a text attachment (text/*, message/rfc822) of at most 1 MB that is valid UTF-8; else null. */
export async function readTextAttachment(store: AttachmentStore, file: StoredFile): Promise<string | null> {
  if (!isTextType(file.mediaType) || file.size > TEXT_SCAN_BYTES) return null;
  return decodeUtf8Text(await readHead(store, file.sha256, TEXT_SCAN_BYTES));
}

/**
 * Content-Disposition that always downloads: an ASCII fallback name and the exact UTF-8 name (RFC 6266/8187).
 * Why: quotes, backslashes and non-ASCII in a filename must not break out of the header value.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
