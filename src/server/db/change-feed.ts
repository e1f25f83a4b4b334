// Which tables changed, as this instance knows it: what the caches of read results (http/read-cache.ts) ask
// before serving what they hold. Each statement that changes a watched table sends the table's name on the
// channel `tocsin_changes` (migration 0013's triggers), whoever runs it: this instance, another one sharing the
// database, a job, the CLI, a hand-written SQL statement. The database delivers it once the transaction commits
// (PGlite before the committing query resolves), so that a reader who sees the write's answer cannot be served
// what was cached before it.
//
// A stamp is a number that grows whenever one of its tables changes. While the instance is not listening (a
// PostgreSQL connection lost and not yet opened again) nothing is current: notifications sent meanwhile are lost.
import { CHANGES_CHANNEL, type Database } from './client';

export class ChangeFeed {
  private readonly versions = new Map<string, number>();
  /** Raised when listening starts or stops: whatever was stamped before may have missed a change. */
  private epoch = 0;
  private listeningNow = false;

  /** Whether changes are being heard: a stamp taken while not listening is worth nothing. */
  get listening(): boolean {
    return this.listeningNow;
  }

  /** A number that differs from every earlier one as soon as one of `tables` changed (or listening was lost). */
  stamp(tables: readonly string[]): number {
    // Why a sum: every term only grows, so the sum grows exactly when one of them does.
    let s = this.epoch;
    for (const t of tables) s += this.versions.get(t) ?? 0;
    return s;
  }

  /** A statement changed `table` (a notification, or a test). */
  changed(table: string): void {
    this.versions.set(table, (this.versions.get(table) ?? 0) + 1);
  }

  setListening(listening: boolean): void {
    this.listeningNow = listening;
    this.epoch++;
  }
}

/** A feed kept current by LISTEN on `database`; `stop` ends the listening (on app close). */
export async function listenForChanges(database: Pick<Database, 'listen'>): Promise<{ feed: ChangeFeed; stop: () => Promise<void> }> {
  const feed = new ChangeFeed();
  const stopListening = await database.listen(CHANGES_CHANNEL, {
    onNotify: (table) => feed.changed(table),
    onState: (listening) => feed.setListening(listening),
  });
  return {
    feed,
    async stop() {
      feed.setListening(false);
      await stopListening();
    },
  };
}
