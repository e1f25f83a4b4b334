// The content-addressed attachment store: bytes in, SHA-256 out; the same bytes are kept once.
// The filesystem implementation keeps <root>/ab/cd/<sha256>; an object store can implement the same interface later.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface PutOptions {
  /** Refuse (StoreLimitError) and keep nothing when the content is longer than this. */
  maxBytes?: number;
}

export interface AttachmentStore {
  /** Stores the content (written completely before it becomes visible) and returns its address and size. */
  put(content: Buffer | Uint8Array | Readable, opts?: PutOptions): Promise<StoredBlob>;
  /** A stream of the content; BlobNotFoundError when the store does not hold it. */
  open(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
}

export class StoreLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The content exceeds ${maxBytes} bytes`);
    this.name = 'StoreLimitError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`No content ${sha256} in the store`);
    this.name = 'BlobNotFoundError';
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Hashes and counts what passes through; fails as soon as more than `maxBytes` went by. */
class Digest extends Transform {
  readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new StoreLimitError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Files under `root` (usually <dataDir>/attachments). Why the care: uploads are hostile by nature.
 * Content never chooses its own path (only its hash does, checked to be 64 hex digits), files are
 * written 0600 without any execute bit in 0700 folders, and a half-written upload is never visible
 * under its address (temp file in the same filesystem, then an atomic rename).
 */
export function fileAttachmentStore(root: string): AttachmentStore {
  const tmpDir = path.join(root, 'tmp');
  const pathOf = (sha256: string): string => {
    if (!isSha256(sha256)) throw new BlobNotFoundError(sha256);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  return {
    async put(content, opts = {}) {
      await fsp.mkdir(tmpDir, { recursive: true, mode: 0o700 });
      const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
      const digest = new Digest(opts.maxBytes ?? Number.POSITIVE_INFINITY);
      const source = content instanceof Readable ? content : Readable.from([Buffer.from(content)]);
      try {
        await pipeline(source, digest, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        await fsp.rm(tmp, { force: true });
        throw err;
      }
      const sha256 = digest.hash.digest('hex');
      const target = pathOf(sha256);
      try {
        await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        if (await exists(target)) await fsp.rm(tmp, { force: true });
        else await fsp.rename(tmp, target);
      } catch (err) {
        await fsp.rm(tmp, { force: true });
        throw err;
      }
      return { sha256, size: digest.size };
    },

    async open(sha256) {
      const file = pathOf(sha256);
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(file, 'r');
      } catch (err) {
        if (isErrno(err, 'ENOENT')) throw new BlobNotFoundError(sha256);
        throw err;
      }
      return handle.createReadStream();
    },

    async has(sha256) {
      return isSha256(sha256) && exists(pathOf(sha256));
    },
  };
}

/** The first `maxBytes` bytes of a stored content (fewer when it is shorter). */
export async function readHead(store: AttachmentStore, sha256: string, maxBytes: number): Promise<Buffer> {
  const stream = await store.open(sha256);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buf);
      size += buf.length;
      if (size >= maxBytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
