// SQL of the audit trail: append under the chain head's row lock, list with filters, read in order for verification.
import { and, desc, eq, gte, ilike, lt, lte, asc, gt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents, auditHead, type AuditEventRow } from './audit.table';
import { eventHash, type ChainedContent } from './audit.chain';

export type NewAuditEvent = Omit<ChainedContent, 'seq'>;

/** Appends one event. Must run inside the caller's transaction so the event commits with the change it records. */
export async function appendEvent(tx: Db, e: NewAuditEvent): Promise<AuditEventRow> {
  // Why: FOR UPDATE on the single head row serialises appends across connections and instances,
  // so sequence numbers are contiguous and each event links to the one committed before it.
  const head = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  const h = head[0];
  if (!h) throw new Error('audit_head row is missing: the database was not migrated');
  const seq = h.lastSeq + 1;
  const hash = eventHash(h.lastHash, { ...e, seq });
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...e, seq, prevHash: h.lastHash, hash })
    .returning();
  await tx.update(auditHead).set({ lastSeq: seq, lastHash: hash }).where(eq(auditHead.id, 1));
  if (!row) throw new Error('audit insert returned nothing');
  return row;
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  before?: number | undefined;
  limit: number;
}

export async function listEvents(db: Db, f: AuditFilter): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (f.action) where.push(ilike(auditEvents.action, `${escapeLike(f.action)}%`));
  if (f.actor) where.push(ilike(auditEvents.actorLabel, `%${escapeLike(f.actor)}%`));
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.from) where.push(gte(auditEvents.at, f.from));
  if (f.to) where.push(lte(auditEvents.at, f.to));
  if (f.before) where.push(lt(auditEvents.seq, f.before));
  return db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(f.limit);
}

export async function readChainBatch(db: Db, afterSeq: number, size: number): Promise<AuditEventRow[]> {
  return db.select().from(auditEvents).where(gt(auditEvents.seq, afterSeq)).orderBy(asc(auditEvents.seq)).limit(size);
}

export async function readHead(db: Db): Promise<{ lastSeq: number; lastHash: string } | null> {
  const rows = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return rows[0] ?? null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

