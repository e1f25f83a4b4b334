// Group commit: concurrent callers' writes of the same kind share one transaction. The writes of a batch run as a
// few statements for all of it (one multi-row INSERT per table), so each item pays a fraction of the round trips
// and of the commit. Nobody waits for a batch to fill: the first item is written at once, and whatever arrives
// while a batch is being written forms the next one (a busy server batches, an idle one writes alone).
//
// A caller's promise settles only after its batch committed, so an acknowledged item is in the database. When a
// batch fails, each of its items is written again alone: one item's bad data never fails its neighbours, and
// each caller gets its own item's error.
import type { Db } from './client';

export interface GroupCommitOptions<I, O> {
  /** Writes `items` in the transaction `tx` and returns one result per item, in the same order. */
  write(tx: Db, items: I[]): Promise<O[]>;
  /** At most this many items in one transaction. */
  maxBatch: number;
  /** At most this many batches being written at once (PGlite has one connection: 1 there is enough). */
  concurrency: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly opts: GroupCommitOptions<I, O>,
  ) {}

  /** Writes `item` with whatever else is waiting; resolves once it is committed. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.scheduled || this.running >= this.opts.concurrency) return;
    // Why a turn of the event loop first: requests already received get to join. On PGlite, whose queries run on
    // this thread as chains of promises that leave no room for I/O, a batch started at once would hold back every
    // other request until it commits, and batches would never be more than one report.
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    while (this.running < this.opts.concurrency && this.queue.length) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    let results: O[];
    try {
      results = await this.transaction(batch.map((w) => w.item));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]?.reject(err);
        return;
      }
      // Alone, each one: the others commit, and the item at fault gets its own error.
      for (const w of batch) {
        try {
          const [result] = await this.transaction([w.item]);
          w.resolve(result as O);
        } catch (own) {
          w.reject(own);
        }
      }
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i] as O));
  }

  private async transaction(items: I[]): Promise<O[]> {
    const out = await this.db.transaction((tx) => this.opts.write(tx, items));
    if (out.length !== items.length) throw new Error(`group commit: ${items.length} items written, ${out.length} results`);
    return out;
  }
}

/**
 * One group committer per database handle and kind of write, made on first use: every request of the process
 * that writes through the same handle joins the same batches.
 */
export function groupCommitter<I, O>(opts: GroupCommitOptions<I, O>): (db: Db) => GroupCommit<I, O> {
  const byDb = new WeakMap<Db, GroupCommit<I, O>>();
  return (db) => {
    let committer = byDb.get(db);
    if (!committer) {
      committer = new GroupCommit(db, opts);
      byDb.set(db, committer);
    }
    return committer;
  };
}
