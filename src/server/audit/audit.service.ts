// Use cases of the audit trail: record an event with the change it describes, seal recorded events into the
// keyed chain, list for admins, verify the chain against its signed checkpoints.
import type { Clock, Ctx } from '#server/ctx';
import { actorId, actorLabel, systemClock } from '#server/ctx';
import type { Db } from '#server/db/client';
import * as repo from './audit.repo';
import { eventHash, GENESIS_HASH } from './audit.chain';
import type { AuditEventRow } from './audit.table';
import { auditTrailOf, checkpoint, checkpointSignatureValid, readCheckpoints, type AuditTrail, type Checkpoint } from './audit.trail';
import { auditSummaryFor } from '#server/policy/disclosure';
import type { AuditEvent, AuditPage, AuditQuery, AuditVerification } from '#shared/audit/audit.schemas';

export interface AuditEntry {
  action: string; // entity.verb, e.g. "user.create"
  entity: [type: string, id: string | null];
  summary?: Record<string, unknown>;
}

/**
 * Appends an audit event in the caller's transaction `tx`, so it commits (or rolls back) with the change.
 * It is sealed into the chain a few seconds later (sealAuditTrail); until then it is listed, marked unsealed.
 */
export async function recordAudit(tx: Db, ctx: AuditCtx, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, [{ ctx, entry }]);
}

type AuditCtx = Pick<Ctx, 'actor' | 'clock' | 'origin'>;

/** Appends several events (each with its own actor and origin) in one statement of the transaction `tx`. */
export async function recordAudits(tx: Db, events: { ctx: AuditCtx; entry: AuditEntry }[]): Promise<void> {
  if (!events.length) return;
  await repo.appendEvents(
    tx,
    events.map(({ ctx, entry }) => ({
      at: ctx.clock.now(),
      actorId: actorId(ctx.actor),
      actorLabel: actorLabel(ctx.actor),
      action: entry.action,
      entityType: entry.entity[0],
      entityId: entry.entity[1],
      summary: entry.summary ?? {},
      requestId: ctx.origin.requestId ?? null,
      ip: ctx.origin.ip ?? null,
    })),
  );
  const dbs = new Set(events.flatMap(({ ctx }) => ('db' in ctx && ctx.db ? [ctx.db as Db] : [])));
  for (const db of dbs) sealSoon(db);
}

const pendingSeals = new WeakMap<Db, NodeJS.Timeout>();

/**
 * Seals shortly after a write, when the process asked for it (main.ts): one timer per database however many
 * events are recorded meanwhile, so a burst of writes costs one sealing. The periodic job (audit.jobs.ts) seals
 * what this misses: an event whose transaction was still open, a sealing that failed or found the lock taken.
 */
function sealSoon(db: Db): void {
  const trail = auditTrailOf(db);
  if (trail?.sealAfterWritesMs == null || pendingSeals.has(db)) return;
  const timer = setTimeout(() => {
    pendingSeals.delete(db);
    sealAuditTrail(db, trail).catch(() => undefined); // the periodic job seals it later
  }, trail.sealAfterWritesMs);
  timer.unref();
  pendingSeals.set(db, timer);
}

/** The fields that changed between two versions of a record, as { field: [before, after] }; `hidden` fields show only that they changed. */
export function changes<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  hidden: (keyof T)[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const a = before[key];
    const b = after[key];
    if (b === undefined) continue;
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (same) continue;
    // Why: secrets (password hashes, TOTP secrets) must never be copied into the audit trail.
    out[String(key)] = hidden.includes(key) ? '(changed)' : [a ?? null, b ?? null];
  }
  return out;
}

/** An event as stored (for a reader who may see everything in it); see listAuditEvents for what readers get. */
export function toAuditEvent(
  row: AuditEventRow,
  view: { summary: Record<string, unknown>; redacted: boolean } = { summary: row.summary, redacted: false },
): AuditEvent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    summary: view.summary,
    redacted: view.redacted,
    requestId: row.requestId,
    ip: row.ip,
    position: row.position,
  };
}

/**
 * The trail as the reader may read it: an event about a report or an incident the reader may not see keeps
 * its action, actor and time, but its summary is reduced by the policy to the item's reference. Reduced
 * when read, never when stored: the stored events stay as hash-chained.
 */
export async function listAuditEvents(ctx: Ctx, q: AuditQuery): Promise<AuditPage> {
  const rows = await repo.listEventsWithItems(ctx.db, {
    action: q.action,
    actor: q.actor,
    entityType: q.entityType,
    entityId: q.entityId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    before: q.before,
    limit: q.limit,
  });
  const last = rows.at(-1);
  const items = rows.map((row) =>
    row.about.kind === 'none' ? toAuditEvent(row) : toAuditEvent(row, auditSummaryFor(ctx.actor, row.about.item, row.summary)),
  );
  return { items, nextBefore: rows.length === q.limit && last ? last.seq : null };
}

export interface SealOptions {
  clock?: Clock;
  batchSize?: number;
  /** At most this many batches per call (a job run stays short; the next run goes on). */
  maxBatches?: number;
}

/**
 * Seals committed, unsealed events into the chain, lowest seq first, in batches: each batch is one short
 * transaction under the sealer's advisory lock (another sealer holding it: this call seals nothing), which gives
 * the events the next contiguous positions and their keyed hashes and moves the head. A signed checkpoint of the
 * new head is appended to the checkpoint file after a batch commits (at most one per checkpointEveryMs; see
 * checkpointHead). Returns how many events were sealed.
 *
 * A transaction that is still open when a batch is read commits later with a lower seq than events already
 * sealed: it is found by a later batch and sealed after them (positions follow sealing, not seq). A rolled-back
 * transaction leaves a gap in seq, never in positions.
 */
export async function sealAuditTrail(db: Db, trail: AuditTrail, opts: SealOptions = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 500;
  const clock = opts.clock ?? systemClock;
  let total = 0;
  for (let i = 0; i < (opts.maxBatches ?? 100); i++) {
    const outcome = await db.transaction(async (tx) => {
      if (!(await repo.tryLockSealer(tx))) return null;
      const head = await repo.readHead(tx);
      if (!head) throw new Error('audit_head row is missing: the database was not migrated');
      const rows = await repo.readUnsealed(tx, batchSize);
      let position = head.lastPosition;
      let prevHash = head.lastHash;
      const links = rows.map((row) => {
        position += 1;
        const hash = eventHash(trail.chainKey, prevHash, position, row);
        const link = { seq: row.seq, position, prevHash, hash };
        prevHash = hash;
        return link;
      });
      const newHead = { position, hash: prevHash };
      await repo.sealEvents(tx, links, newHead);
      return { sealed: rows.length, head: newHead };
    });
    if (!outcome || outcome.sealed === 0) break;
    total += outcome.sealed;
    checkpoint(trail, outcome.head, clock.now());
    if (outcome.sealed < batchSize) break;
  }
  return total;
}

/** Checkpoints the sealed head if it moved since this process's last checkpoint (the periodic job calls it). */
export async function checkpointHead(db: Db, trail: AuditTrail, clock: Clock = systemClock): Promise<void> {
  const head = await repo.readHead(db);
  if (head) checkpoint(trail, { position: head.lastPosition, hash: head.lastHash }, clock.now(), true);
}

/**
 * Walks the sealed chain in position order and recomputes every keyed hash; compares it with the head the sealer
 * recorded and with every signed checkpoint kept outside the database. Reports the first problem: an event edited,
 * inserted or forged (its keyed hash does not match), deleted (a position is missing), reordered (an event does
 * not follow its predecessor), a rewritten head, a truncated tail (a checkpoint is ahead of the chain), a chain
 * recomputed without the instance secret (the first event's keyed hash does not match), an altered checkpoint file.
 * Unsealed events (recorded in the last seconds) are counted, not verified.
 */
export async function verifyAuditChain(db: Db, trail: AuditTrail, batchSize = 2000): Promise<AuditVerification> {
  const unsealed = await repo.countUnsealed(db);
  const lines = readCheckpoints(trail);
  const checkpoints: Checkpoint[] = [];
  for (const l of lines) {
    if (!l.checkpoint || !checkpointSignatureValid(trail, l.checkpoint)) {
      return broken(
        { checked: 0, unsealed, checkpoints: lines.length },
        { seq: 0, position: null },
        `line ${l.line} of the checkpoint file ${trail.checkpointFile ?? ''} is not a checkpoint signed by this instance: the file was altered`,
      );
    }
    checkpoints.push(l.checkpoint);
  }
  const byPosition = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) byPosition.set(c.position, [...(byPosition.get(c.position) ?? []), c]);
  const counts = { checked: 0, unsealed, checkpoints: checkpoints.length };

  let prevHash = GENESIS_HASH;
  let expected = 1;
  let last: AuditEventRow | null = null;
  for (;;) {
    const batch = await repo.readChainBatch(db, expected - 1, batchSize);
    for (const row of batch) {
      const position = row.position ?? 0;
      const what = `event ${row.seq} (${row.action}, chain position ${position})`;
      if (position !== expected) {
        return broken(
          counts,
          { seq: row.seq, position: expected },
          `the event at chain position ${expected} (${last ? `after event ${last.seq}, ` : ''}before event ${row.seq}) is missing: it was deleted`,
        );
      }
      if (row.prevHash !== prevHash) {
        return broken(
          counts,
          { seq: row.seq, position },
          `${what} does not follow ${last ? `event ${last.seq} at position ${position - 1}` : 'the start of the chain'}: events were reordered, or one was inserted or deleted before it`,
        );
      }
      if (row.hash !== eventHash(trail.chainKey, prevHash, position, row)) {
        return broken(
          counts,
          { seq: row.seq, position },
          `${what} does not match its keyed hash: it was edited or inserted after it was sealed, or the chain was recomputed without the instance secret`,
        );
      }
      const differs = byPosition.get(position)?.find((c) => c.hash !== row.hash);
      if (differs) {
        return broken(
          counts,
          { seq: row.seq, position },
          `${what} differs from the signed checkpoint of ${differs.at}: the chain was rewritten from there on`,
        );
      }
      prevHash = row.hash;
      expected = position + 1;
      last = row;
      counts.checked++;
    }
    if (batch.length < batchSize) break;
  }
  const end = expected - 1;
  const lastSeq = last?.seq ?? 0;
  const head = await repo.readHead(db);
  if (head && head.lastPosition !== end) {
    return broken(
      counts,
      { seq: lastSeq, position: end },
      head.lastPosition > end
        ? `the chain's head says it ends at position ${head.lastPosition} but the last event found is at position ${end}${last ? ` (event ${last.seq})` : ''}: the events sealed after it were deleted`
        : `the chain's head says it ends at position ${head.lastPosition} but it goes on to position ${end}: the head was rewritten`,
    );
  }
  if (head && head.lastHash !== prevHash) {
    return broken(
      counts,
      { seq: lastSeq, position: end },
      `the chain's head (position ${end}) does not match its last event${last ? ` (event ${last.seq})` : ''}: the head was rewritten`,
    );
  }
  const ahead = checkpoints.reduce<Checkpoint | null>(
    (max, c) => (c.position > end && (!max || c.position > max.position) ? c : max),
    null,
  );
  if (ahead) {
    return broken(
      counts,
      { seq: lastSeq, position: end },
      `the signed checkpoint of ${ahead.at} records the chain at position ${ahead.position}, but it ends at position ${end}${last ? ` (event ${last.seq})` : ''}: its tail was truncated (${ahead.position - end} sealed event(s) deleted)`,
    );
  }
  return { ok: true, ...counts, firstBroken: null };
}

function broken(
  counts: { checked: number; unsealed: number; checkpoints: number },
  at: { seq: number; position: number | null },
  reason: string,
): AuditVerification {
  return { ok: false, ...counts, firstBroken: { seq: at.seq, position: at.position, reason } };
}
