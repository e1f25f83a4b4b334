import { CredentialCache, type CachedCredential } from './credential-cache';
import type { SessionRow } from '#server/sessions/sessions.table';
import type { UserRow } from '#server/users/users.table';

const session = (id: string, userId: string): CachedCredential => ({
  kind: 'session',
  session: { id, userId } as SessionRow,
  user: { id: userId } as UserRow,
});

function listening(opts: ConstructorParameters<typeof CredentialCache>[0] = {}) {
  const cache = new CredentialCache(opts);
  cache.setListening(true);
  return cache;
}

describe('CredentialCache', () => {
  it('holds at most maxEntries, dropping the least recently used first', () => {
    const cache = listening({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c']) cache.keep(k, session(k, 'u'), cache.begin());
    cache.get('a'); // used: b is now the oldest
    cache.keep('d', session('d', 'u'), cache.begin());
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    for (let i = 0; i < 1_000; i++) cache.keep(`x${i}`, session(`x${i}`, 'u'), cache.begin());
    expect(cache.size).toBe(3);
  });

  it('holds nothing while not listening, and empties itself when listening starts or stops', () => {
    const cache = new CredentialCache();
    cache.keep('a', session('a', 'u'), cache.begin());
    expect(cache.get('a')).toBeUndefined();
    cache.setListening(true);
    cache.keep('a', session('a', 'u'), cache.begin());
    expect(cache.get('a')).toBeDefined();
    cache.setListening(false);
    expect(cache.get('a')).toBeUndefined();
  });

  it('does not keep a look-up that started before a change arrived', () => {
    const cache = listening();
    const since = cache.begin();
    cache.changed({ kind: 'user', id: 'someone-else' });
    cache.keep('a', session('a', 'u'), since);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets what a change concerns, and holds nothing for a change made here until its notification comes back', () => {
    let now = 0;
    const cache = listening({ pendingMs: 1_000, now: () => now });
    cache.keep('a', session('a', 'u1'), cache.begin());
    cache.keep('b', session('b', 'u2'), cache.begin());
    cache.changedHere({ kind: 'user', id: 'u1' });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    cache.keep('a', session('a', 'u1'), cache.begin()); // read before the commit: not kept
    expect(cache.get('a')).toBeUndefined();
    cache.changed({ kind: 'user', id: 'u1' }); // committed
    cache.keep('a', session('a', 'u1'), cache.begin());
    expect(cache.get('a')).toBeDefined();

    cache.changedHere({ kind: 'session', id: 'b' }); // rolled back: no notification
    cache.keep('b', session('b', 'u2'), cache.begin());
    expect(cache.get('b')).toBeUndefined();
    now += 1_001;
    cache.keep('b', session('b', 'u2'), cache.begin());
    expect(cache.get('b')).toBeDefined();
  });
});
