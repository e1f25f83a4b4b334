// Use cases of the audit trail: record an event with the change it describes, list for admins, verify the chain.
import type { Ctx } from '../ctx';
import { actorId, actorLabel } from '../ctx';
import type { Db } from '../db/client';
import * as repo from './audit.repo';
import { eventHash, GENESIS_HASH } from './audit.chain';
import type { AuditEventRow } from './audit.table';
import { auditSummaryFor } from '../policy/disclosure';
import type { AuditEvent, AuditPage, AuditQuery, AuditVerification } from '#shared/audit/audit.schemas';

export interface AuditEntry {
  action: string; // entity.verb, e.g. "user.create"
  entity: [type: string, id: string | null];
  summary?: Record<string, unknown>;
}

/** Appends an audit event in the caller's transaction `tx`, so it commits (or rolls back) with the change. */
export async function recordAudit(tx: Db, ctx: Pick<Ctx, 'actor' | 'clock' | 'origin'>, entry: AuditEntry): Promise<void> {
  await repo.appendEvent(tx, {
    at: ctx.clock.now(),
    actorId: actorId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    action: entry.action,
    entityType: entry.entity[0],
    entityId: entry.entity[1],
    summary: entry.summary ?? {},
    requestId: ctx.origin.requestId ?? null,
    ip: ctx.origin.ip ?? null,
  });
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

/**
 * Walks the whole chain in order and recomputes every hash. Reports the first event whose content
 * no longer matches its hash, whose link to its predecessor is broken, or that is missing.
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await repo.readChainBatch(db, expectedSeq - 1, batchSize);
    for (const row of batch) {
      if (row.seq !== expectedSeq) {
        return broken(checked, expectedSeq, `event ${expectedSeq} is missing (next found is ${row.seq}): it was deleted`);
      }
      if (row.prevHash !== prevHash) {
        return broken(
          checked,
          row.seq,
          `event ${row.seq} does not link to event ${row.seq - 1}: the previous event was altered or deleted`,
        );
      }
      if (eventHash(row.prevHash, row) !== row.hash) {
        return broken(checked, row.seq, `event ${row.seq} (${row.action}) was modified after it was recorded`);
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      checked++;
    }
    if (batch.length < batchSize) break;
  }
  const head = await repo.readHead(db);
  if (head && head.lastSeq !== expectedSeq - 1) {
    return broken(
      checked,
      expectedSeq,
      `the trail should end at event ${head.lastSeq} but ends at ${expectedSeq - 1}: events were deleted`,
    );
  }
  if (head && head.lastHash !== prevHash) {
    return broken(checked, expectedSeq - 1, `event ${expectedSeq - 1} does not match the recorded head of the chain`);
  }
  return { ok: true, checked, firstBroken: null };
}

function broken(checked: number, seq: number, reason: string): AuditVerification {
  return { ok: false, checked, firstBroken: { seq, reason } };
}
