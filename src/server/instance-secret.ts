// The instance secret: the root from which Tocsin derives the passphrases that protect keys at rest
// (the team's private OpenPGP key). From TOCSIN_SECRET, or generated once into <data dir>/secret.key (mode 0600).
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';

export interface InstanceSecrets {
  /** Passphrase of the team's private key as stored in the database. */
  teamKeyPassphrase: string;
  /** AES-256 key sealing each user's TOTP secret in the database. */
  totpKey: Buffer;
  /** HMAC-SHA-256 key of the audit trail's hash chain. */
  auditChainKey: Buffer;
  /** Seed of the Ed25519 key that signs the audit trail's checkpoints. */
  auditCheckpointSeed: Buffer;
}

export function deriveSecrets(secret: string): InstanceSecrets {
  const derive = (purpose: string) => createHmac('sha256', secret).update(`tocsin:${purpose}`).digest();
  return {
    teamKeyPassphrase: derive('team-key').toString('base64url'),
    totpKey: derive('totp-key'),
    auditChainKey: derive('audit-chain-key'),
    auditCheckpointSeed: derive('audit-checkpoint-key'),
  };
}

/** The instance secret if there is one (TOCSIN_SECRET or the data folder's file), without creating it. */
export function readInstanceSecret(opts: { secret: string | undefined; dataDir: string }): string | null {
  if (opts.secret) return opts.secret;
  try {
    return fs.readFileSync(path.join(opts.dataDir, 'secret.key'), 'utf8').trim() || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function loadInstanceSecret(opts: { secret: string | undefined; dataDir: string }): string {
  if (opts.secret) return opts.secret;
  const file = path.join(opts.dataDir, 'secret.key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another instance created it a moment ago, read theirs instead of overwriting it.
    fs.writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw err;
  }
}
