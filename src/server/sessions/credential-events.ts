// Credential changes: what an instance caching sessions and API tokens (auth/credential-cache.ts) must forget.
// Each change is sent with NOTIFY inside the transaction that makes it, so every instance sharing the database
// learns it when (and only if) it commits; the instance that makes it is also told at once, before the commit,
// so that its next request cannot be served from what it held before.
import type { Db } from '#server/db/client';

/** The LISTEN/NOTIFY channel of credential changes. */
export const CREDENTIALS_CHANNEL = 'tocsin_credentials';

/** A user row changed (role, disabled, password, TOTP, name…: all its sessions and tokens), one session ended, or
 * one token changed (revoked). */
export type CredentialChange = { kind: 'user' | 'session' | 'token'; id: string };

export const encodeChange = (c: CredentialChange): string => `${c.kind}:${c.id}`;

export function decodeChange(payload: string): CredentialChange | null {
  const at = payload.indexOf(':');
  const kind = payload.slice(0, at);
  const id = payload.slice(at + 1);
  if (at < 0 || !id || (kind !== 'user' && kind !== 'session' && kind !== 'token')) return null;
  return { kind, id };
}

/** What an instance does when its own use cases change credentials, before they commit. */
export type LocalChangeWatcher = (change: CredentialChange) => void;

// Keyed by the database handle the instance's use cases receive as ctx.db (each app has its own).
const watchers = new WeakMap<Db, LocalChangeWatcher>();

/** Registers the watcher of the instance that runs on `db`; returns the function that unregisters it. */
export function watchLocalCredentialChanges(db: Db, watcher: LocalChangeWatcher): () => void {
  watchers.set(db, watcher);
  return () => {
    if (watchers.get(db) === watcher) watchers.delete(db);
  };
}

export function tellLocalWatcher(db: Db, change: CredentialChange): void {
  watchers.get(db)?.(change);
}
