// What sealing and verifying the audit trail need besides the database: the chain's HMAC key, the Ed25519 key
// that signs checkpoints, and the checkpoint file in the data folder. Derived from the instance secret.
//
// Checkpoints: after each sealing batch, one line {position, hash, at, sig} is appended to
// <data dir>/audit-checkpoints.jsonl, outside the database, so that someone who rewrites or cuts the database's
// chain cannot also rewrite what was already sealed. Why Ed25519 rather than an HMAC: the public key can be handed
// to an auditor (or printed beside exported checkpoints), who can then check the checkpoints without holding the
// instance secret, and nobody who holds only the public key can forge one. The private key is derived from the
// instance secret (a seed), so it is never stored.
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Db } from '#server/db/client';
import type { InstanceSecrets } from '#server/instance-secret';

export interface AuditTrail {
  chainKey: Buffer;
  signingKey: KeyObject;
  publicKey: KeyObject;
  /** The checkpoint file; null: no checkpoints are written or checked (tests that do not need them). */
  checkpointFile: string | null;
  /** Seal this long after an event is recorded in this process (null: only the periodic job seals). */
  sealAfterWritesMs: number | null;
  /** At most one checkpoint per this many milliseconds from sealing (0: after every batch); the periodic job
   * checkpoints a head that moved since, so the last batch of a burst is never left out for long. */
  checkpointEveryMs: number;
  /** The last checkpoint this process wrote (in memory: after a restart, the job writes one for the head). */
  lastCheckpoint: { position: number; atMs: number } | null;
}

export const checkpointFileIn = (dataDir: string) => path.join(dataDir, 'audit-checkpoints.jsonl');

// The fixed PKCS #8 prefix of an Ed25519 private key, followed by its 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function auditTrailFrom(
  secrets: Pick<InstanceSecrets, 'auditChainKey' | 'auditCheckpointSeed'>,
  checkpointFile: string | null,
  opts: { sealAfterWritesMs?: number | null; checkpointEveryMs?: number } = {},
): AuditTrail {
  const signingKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, secrets.auditCheckpointSeed.subarray(0, 32)]),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    chainKey: secrets.auditChainKey,
    signingKey,
    publicKey: createPublicKey(signingKey),
    checkpointFile,
    sealAfterWritesMs: opts.sealAfterWritesMs ?? null,
    checkpointEveryMs: opts.checkpointEveryMs ?? 0,
    lastCheckpoint: null,
  };
}

/** The checkpoint public key, base64url of its raw 32 bytes (what `tocsin audit checkpoints` prints). */
export function publicKeyText(trail: AuditTrail): string {
  const spki = trail.publicKey.export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32).toString('base64url');
}

// Why a registry keyed by the database handle: jobs receive only a Ctx, and the sealer's keys belong to the
// database it seals. buildApp attaches the trail to the app's database; the CLI to the one it opens.
const trails = new WeakMap<Db, AuditTrail>();

export function attachAuditTrail(db: Db, trail: AuditTrail): void {
  trails.set(db, trail);
}

export function auditTrailOf(db: Db): AuditTrail | null {
  return trails.get(db) ?? null;
}

export interface Checkpoint {
  position: number;
  hash: string;
  at: string;
  sig: string;
}

const signedText = (c: Omit<Checkpoint, 'sig'>) => Buffer.from(`tocsin-audit-checkpoint\n${c.position}\n${c.hash}\n${c.at}`);

export function signCheckpoint(trail: AuditTrail, head: { position: number; hash: string }, at: Date): Checkpoint {
  const c = { position: head.position, hash: head.hash, at: at.toISOString() };
  return { ...c, sig: sign(null, signedText(c), trail.signingKey).toString('base64url') };
}

export function checkpointSignatureValid(trail: AuditTrail, c: Checkpoint): boolean {
  try {
    return verify(null, signedText(c), trail.publicKey, Buffer.from(c.sig, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * Appends a signed checkpoint of `head` (after the sealing transaction committed: never inside one), unless one
 * was written less than checkpointEveryMs ago (`force`: unless this head was already checkpointed).
 */
export function checkpoint(trail: AuditTrail, head: { position: number; hash: string }, at: Date, force = false): void {
  if (!trail.checkpointFile || head.position === 0) return;
  const last = trail.lastCheckpoint;
  if (last && head.position <= last.position) return;
  if (!force && last && at.getTime() - last.atMs < trail.checkpointEveryMs) return;
  const c = signCheckpoint(trail, head, at);
  fs.mkdirSync(path.dirname(trail.checkpointFile), { recursive: true });
  fs.appendFileSync(trail.checkpointFile, `${JSON.stringify(c)}\n`, { mode: 0o600 });
  trail.lastCheckpoint = { position: head.position, atMs: at.getTime() };
}

export type CheckpointLine = { line: number; checkpoint: Checkpoint | null; text: string };

/** Every line of the checkpoint file (none when there is no file); a line that does not parse has checkpoint null. */
export function readCheckpoints(trail: AuditTrail): CheckpointLine[] {
  if (!trail.checkpointFile) return [];
  let text: string;
  try {
    text = fs.readFileSync(trail.checkpointFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text
    .split('\n')
    .map((t, i) => ({ t, line: i + 1 }))
    .filter(({ t }) => t.trim() !== '')
    .map(({ t, line }) => ({ line, text: t, checkpoint: parseCheckpoint(t) }));
}

function parseCheckpoint(text: string): Checkpoint | null {
  try {
    const v = JSON.parse(text) as Partial<Checkpoint>;
    if (
      typeof v.position === 'number' &&
      Number.isSafeInteger(v.position) &&
      typeof v.hash === 'string' &&
      typeof v.at === 'string' &&
      typeof v.sig === 'string'
    )
      return { position: v.position, hash: v.hash, at: v.at, sig: v.sig };
    return null;
  } catch {
    return null;
  }
}
