// Behaviour of the filesystem attachment store: content addressing, deduplication, size limit, permissions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobNotFoundError, fileAttachmentStore, readHead, StoreLimitError } from './storage';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-store-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

async function readAll(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('fileAttachmentStore', () => {
  it('stores bytes under ab/cd/<sha256>, 0600, and reads them back', async () => {
    const store = fileAttachmentStore(root);
    const bytes = Buffer.from('hello attachments');
    const blob = await store.put(bytes);
    expect(blob).toEqual({ sha256: sha(bytes), size: bytes.length });
    const file = path.join(root, blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.has(blob.sha256)).toBe(true);
    expect((await readAll(await store.open(blob.sha256))).equals(bytes)).toBe(true);
    expect((await readHead(store, blob.sha256, 5)).toString()).toBe('hello');
  });

  it('stores a stream and keeps identical content once', async () => {
    const store = fileAttachmentStore(root);
    const a = await store.put(Readable.from([Buffer.from('same '), Buffer.from('content')]));
    const b = await store.put(Buffer.from('same content'));
    expect(a).toEqual(b);
    const dir = path.join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4));
    expect(fs.readdirSync(dir)).toEqual([a.sha256]);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('refuses content over the limit and keeps nothing of it', async () => {
    const store = fileAttachmentStore(root);
    const big = Buffer.alloc(70_000, 1);
    await expect(store.put(Readable.from([big.subarray(0, 40_000), big.subarray(40_000)]), { maxBytes: 65_536 })).rejects.toBeInstanceOf(
      StoreLimitError,
    );
    expect(await store.has(sha(big))).toBe(false);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
    expect(await store.put(big.subarray(0, 65_536), { maxBytes: 65_536 })).toMatchObject({ size: 65_536 });
  });

  it('answers not found for unknown and malformed addresses without touching other paths', async () => {
    const store = fileAttachmentStore(root);
    await expect(store.open('0'.repeat(64))).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.open('../../etc/passwd')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.has('../../etc/passwd')).toBe(false);
  });
});
