// The answers of the busiest reads (the incident list, the triage queue, the organisations), kept serialised in
// memory and served again while nothing they were read from has changed: the same viewer asking the same page
// again costs no query, no mapping and no serialisation. What the answer depends on is its key: the route, the
// facts the visibility policy uses about the viewer (kind, id, role, organisation) and the validated query.
// Whether it is still current: the stamp of the tables it was read from (db/change-feed.ts, raised by the
// database itself on every committed change, on every instance), and for an answer that says something about
// the time (a clock breached once its due time passes) the moment it stops being true.
//
// Why not an HTTP cache or ETag alone: the server would still run the queries to know whether anything changed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '#server/ctx';
import type { Database } from '#server/db/client';
import { ChangeFeed, listenForChanges } from '#server/db/change-feed';

declare module 'fastify' {
  interface FastifyInstance {
    readCache: ReadCache;
  }
}

export interface ReadCacheLimits {
  /** The serialised answers held, in bytes (UTF-16 length × 2 is close enough for a bound). */
  maxBytes: number;
  maxEntries: number;
}

const DEFAULT_LIMITS: ReadCacheLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 10_000 };

interface Entry {
  stamp: number;
  /** Epoch ms after which the answer is no longer true whatever the tables say; Infinity: never. */
  validUntil: number;
  body: string;
  bytes: number;
}

/** What a read gives the cache: its serialised answer and until when it holds (Infinity: until a change). */
export interface ReadResult {
  body: string;
  validUntil: number;
}

export class ReadCache {
  // A Map keeps insertion order: re-inserting on each hit makes the first key the least recently used.
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, { stamp: number; promise: Promise<string> }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly limits: ReadCacheLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * The answer under `key`, read from `tables`: the one held if none of them changed since it was read and it
   * still holds at `now`, else `read()`'s (shared by the requests that ask for the same key meanwhile).
   */
  async get(key: string, tables: readonly string[], now: number, read: () => Promise<ReadResult>): Promise<string> {
    if (!this.feed.listening) return (await read()).body;
    const stamp = this.feed.stamp(tables);
    const held = this.entries.get(key);
    if (held && held.stamp === stamp && now < held.validUntil) {
      this.entries.delete(key);
      this.entries.set(key, held);
      this.hits++;
      return held.body;
    }
    const inFlight = this.pending.get(key);
    if (inFlight && inFlight.stamp === stamp) return inFlight.promise;
    this.misses++;
    const promise = read().then((result) => {
      // A change during the read may or may not be in it: keep it only if none came.
      if (this.feed.listening && this.feed.stamp(tables) === stamp) this.put(key, { stamp, ...result, bytes: result.body.length * 2 });
      return result.body;
    });
    this.pending.set(key, { stamp, promise });
    const forget = () => {
      if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** Entries and bytes held (for tests and the bench). */
  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private put(key: string, entry: Entry): void {
    if (entry.bytes > this.limits.maxBytes / 8) return; // one huge answer would push out everything else
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldest, e] of this.entries) {
      if (this.bytes <= this.limits.maxBytes && this.entries.size <= this.limits.maxEntries) break;
      this.entries.delete(oldest);
      this.bytes -= e.bytes;
    }
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}

/** The facts of the viewer that the visibility policy and the answers use (policy/visibility.ts's Viewer). */
function viewerKey(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.id}:${actor.role}:${actor.organisationId ?? ''}` : actor.kind;
}

/**
 * Decorates `app` with a read cache kept current by LISTEN on `database`; stops listening when the app closes.
 * Disabled (TOCSIN_READ_CACHE=off), it holds nothing: its feed never listens.
 */
export async function registerReadCache(
  app: FastifyInstance,
  database: Pick<Database, 'listen'>,
  opts: { enabled: boolean; limits?: ReadCacheLimits },
): Promise<void> {
  if (!opts.enabled) {
    app.decorate('readCache', new ReadCache(new ChangeFeed(), opts.limits));
    return;
  }
  const { feed, stop } = await listenForChanges(database);
  app.decorate('readCache', new ReadCache(feed, opts.limits));
  app.addHook('onClose', stop);
}

export interface CachedJsonOptions<T> {
  /** The tables the answer is read from (joined ones included): a change to any of them forgets it. */
  tables: readonly string[];
  /** Until when the answer holds whatever the tables say (epoch ms), when it tells something about the time. */
  validUntil?: (value: T, now: number) => number;
}

/**
 * Answers a GET with `read()`'s value serialised by the route's response schema, or the same bytes held from an
 * earlier identical request (same route, viewer and query) while still current.
 */
export async function sendCachedJson<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: CachedJsonOptions<T>,
  read: () => Promise<T>,
): Promise<void> {
  const now = req.ctx.clock.now().getTime();
  const key = `${req.routeOptions.url ?? req.url}\n${viewerKey(req.ctx.actor)}\n${JSON.stringify(req.query)}`;
  const body = await req.server.readCache.get(key, opts.tables, now, async () => {
    const value = await read();
    return { body: reply.serialize(value) as string, validUntil: opts.validUntil?.(value, now) ?? Infinity };
  });
  // Awaiting the reply waits until it is written: the handler must not resolve while the compression hook still
  // runs, or Fastify would send again, empty.
  await reply.type('application/json; charset=utf-8').send(body);
}
