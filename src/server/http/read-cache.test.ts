// The read cache's rules, on a change feed driven by hand: what it serves again, what it forgets and when.
import { ChangeFeed } from '#server/db/change-feed';
import { ReadCache } from './read-cache';

function setup(limits?: { maxBytes: number; maxEntries: number }) {
  const feed = new ChangeFeed();
  feed.setListening(true);
  const cache = new ReadCache(feed, limits);
  let reads = 0;
  const read =
    (body: string, validUntil = Infinity) =>
    async () => {
      reads++;
      return { body: `${body}#${reads}`, validUntil };
    };
  return { feed, cache, read, reads: () => reads };
}

describe('ReadCache', () => {
  it('serves the same answer again until one of its tables changes, and ignores changes to other tables', async () => {
    const { feed, cache, read, reads } = setup();
    const get = () => cache.get('k', ['incidents', 'users'], 0, read('list'));
    expect(await get()).toBe('list#1');
    expect(await get()).toBe('list#1');
    feed.changed('reports');
    expect(await get()).toBe('list#1');
    feed.changed('users');
    expect(await get()).toBe('list#2');
    expect(reads()).toBe(2);
  });

  it('keeps answers apart by key', async () => {
    const { cache, read } = setup();
    expect(await cache.get('alice', ['t'], 0, read('a'))).toBe('a#1');
    expect(await cache.get('bob', ['t'], 0, read('b'))).toBe('b#2');
    expect(await cache.get('alice', ['t'], 0, read('a'))).toBe('a#1');
  });

  it('reads again once the answer stops holding in time', async () => {
    const { cache, read } = setup();
    expect(await cache.get('k', ['t'], 100, read('x', 200))).toBe('x#1');
    expect(await cache.get('k', ['t'], 199, read('x', 200))).toBe('x#1');
    expect(await cache.get('k', ['t'], 200, read('x', 200))).toBe('x#2');
  });

  it('holds nothing while changes are not heard, and forgets what it held when listening stops or starts again', async () => {
    const { feed, cache, read } = setup();
    expect(await cache.get('k', ['t'], 0, read('x'))).toBe('x#1');
    feed.setListening(false);
    expect(await cache.get('k', ['t'], 0, read('x'))).toBe('x#2');
    expect(await cache.get('k', ['t'], 0, read('x'))).toBe('x#3');
    feed.setListening(true);
    expect(await cache.get('k', ['t'], 0, read('x'))).toBe('x#4');
    expect(await cache.get('k', ['t'], 0, read('x'))).toBe('x#4');
  });

  it('shares one read between identical requests meanwhile, and keeps no answer read across a change', async () => {
    const { feed, cache } = setup();
    let release!: () => void;
    let reads = 0;
    const slow = async () => {
      reads++;
      await new Promise<void>((r) => (release = r));
      return { body: `slow#${reads}`, validUntil: Infinity };
    };
    const a = cache.get('k', ['t'], 0, slow);
    const b = cache.get('k', ['t'], 0, slow);
    feed.changed('t');
    release();
    expect(await a).toBe('slow#1');
    expect(await b).toBe('slow#1');
    expect(reads).toBe(1);
    // The change came during the read: its answer may predate it, so it was not kept.
    const c = cache.get('k', ['t'], 0, slow);
    release();
    expect(await c).toBe('slow#2');
  });

  it('passes a failed read on to every request waiting for it, and keeps nothing', async () => {
    const { cache, read } = setup();
    const failing = () => Promise.reject(new Error('database gone'));
    await expect(Promise.all([cache.get('k', ['t'], 0, failing), cache.get('k', ['t'], 0, failing)])).rejects.toThrow('database gone');
    expect(await cache.get('k', ['t'], 0, read('x'))).toBe('x#1');
  });

  it('stays within its bounds, forgetting the least recently used answers first', async () => {
    const { cache, read } = setup({ maxBytes: 1_000_000, maxEntries: 2 });
    await cache.get('a', ['t'], 0, read('a'));
    await cache.get('b', ['t'], 0, read('b'));
    await cache.get('a', ['t'], 0, read('a')); // a is now the most recent
    await cache.get('c', ['t'], 0, read('c'));
    expect(cache.size().entries).toBe(2);
    expect(await cache.get('a', ['t'], 0, read('a'))).toBe('a#1');
    expect(await cache.get('b', ['t'], 0, read('b'))).toBe('b#4');
  });

  it('does not keep an answer larger than an eighth of its byte bound', async () => {
    const { cache } = setup({ maxBytes: 800, maxEntries: 10 });
    let reads = 0;
    const big = async () => ({ body: 'x'.repeat(60 + reads++), validUntil: Infinity });
    await cache.get('k', ['t'], 0, big);
    await cache.get('k', ['t'], 0, big);
    expect(reads).toBe(2);
    expect(cache.size()).toEqual({ entries: 0, bytes: 0 });
  });
});
