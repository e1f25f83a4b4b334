// Sessions and API tokens held in memory with their user rows, so that a request whose credential is held runs no
// query to authenticate. What may change them is decided elsewhere; here is only what to forget, and when:
// - every change to a session, a token or a user row is sent by NOTIFY in its transaction
//   (sessions.service.credentialsChanged) and forgotten here when it arrives: on every instance, once committed;
// - the instance making a change is told at once, before it commits: it forgets the entries and holds nothing for
//   that user, session or token until its own NOTIFY comes back (or `pendingMs` passes, after a rollback), so that
//   nothing read before the commit is kept after it;
// - a look-up that started before any change arrived is not kept (generation count);
// - while not listening (at start, after a lost connection) nothing is held: the cache is emptied and every
//   request reads the database, until LISTEN is back;
// - expiry, a disabled account and the account's current role are checked from the held rows at every request.
// Unknown credentials are never held (a token created later is found at once), and at most `maxEntries` are, the
// least recently used going first.
import type { CredentialChange } from '#server/sessions/sessions.service';
import type { SessionRow } from '#server/sessions/sessions.table';
import type { ApiTokenRow } from '#server/tokens/tokens.table';
import type { UserRow } from '#server/users/users.table';

export type CachedCredential =
  { kind: 'session'; session: SessionRow; user: UserRow } | { kind: 'token'; token: ApiTokenRow; user: UserRow };

export interface CredentialCacheOptions {
  maxEntries?: number;
  /** How long a change made here blocks holding what it concerns if its NOTIFY never comes back (a rollback). */
  pendingMs?: number;
  now?: () => number;
}

function concerns(change: CredentialChange, entry: CachedCredential): boolean {
  switch (change.kind) {
    case 'user':
      return entry.user.id === change.id;
    case 'session':
      return entry.kind === 'session' && entry.session.id === change.id;
    case 'token':
      return entry.kind === 'token' && entry.token.id === change.id;
  }
}

const changeKey = (c: CredentialChange) => `${c.kind}:${c.id}`;

export class CredentialCache {
  readonly maxEntries: number;
  private readonly pendingMs: number;
  private readonly now: () => number;
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recently used first.
  private readonly entries = new Map<string, CachedCredential>();
  // Changes made by this instance whose NOTIFY has not come back yet, with when to stop waiting for it.
  private readonly pending = new Map<string, { change: CredentialChange; until: number }>();
  private generation = 0;
  private listening = false;

  constructor(opts: CredentialCacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.pendingMs = opts.pendingMs ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The held credential under `key`, or undefined (then read the database, between `begin` and `keep`). */
  get(key: string): CachedCredential | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Call before reading a credential from the database; hand the result to `keep`. */
  begin(): number {
    return this.generation;
  }

  /** Holds a credential read from the database, unless a change arrived since `begin` or one made here awaits
   * its NOTIFY, or the cache is not listening. */
  keep(key: string, entry: CachedCredential, since: number): void {
    if (!this.listening || since !== this.generation || this.isPending(entry)) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Drops a held credential (found expired, say). */
  drop(key: string): void {
    this.entries.delete(key);
  }

  /** A change made by this instance, not committed yet. */
  changedHere(change: CredentialChange): void {
    if (this.pending.size >= 1_000) this.sweepPending();
    this.pending.set(changeKey(change), { change, until: this.now() + this.pendingMs });
    this.forget(change);
  }

  /** A change committed by any instance (its NOTIFY). */
  changed(change: CredentialChange): void {
    this.pending.delete(changeKey(change));
    this.forget(change);
  }

  /** Listening started or was lost: either way, notifications may have been missed. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.flush();
  }

  flush(): void {
    this.generation++;
    this.entries.clear();
  }

  private forget(change: CredentialChange): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (concerns(change, entry)) this.entries.delete(key);
  }

  private sweepPending(): void {
    const now = this.now();
    for (const [key, p] of this.pending) if (p.until <= now) this.pending.delete(key);
  }

  private isPending(entry: CachedCredential): boolean {
    if (this.pending.size === 0) return false;
    const now = this.now();
    for (const [key, p] of this.pending) {
      if (p.until <= now) this.pending.delete(key);
      else if (concerns(p.change, entry)) return true;
    }
    return false;
  }
}
