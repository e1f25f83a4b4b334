// SQL of the audit trail: append under the chain head's row lock, list with filters (with the facts the
// visibility policy needs about the item each event is about), read in order for verification.
import { and, desc, eq, gte, ilike, lt, lte, asc, gt, sql, type SQL } from 'drizzle-orm';
import type { DisclosedItem } from '../policy/disclosure';
import type { TlpLabel } from '#shared/taxonomies/tlp';
import { queryRows, type Db } from '../db/client';
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

/** The classified item an event is about (a report or an incident): found, gone (null), or none (not an item event). */
export type EventItem = { kind: 'item'; item: DisclosedItem | null } | { kind: 'none' };
export type ListedEvent = AuditEventRow & { about: EventItem };

/** The entity types whose events are about a classified item, and the table that holds each. */
const CLASSIFIED_TABLES = { report: 'reports', incident: 'incidents' } as const;

// Why tables by name here: every feature writes into the audit trail, so the audit feature imports none of
// them; reading the facts the policy needs in the same query keeps the list to one round trip.
const itemFacts = (alias: string) =>
  sql.raw(
    `${alias}.reference as ${alias}_reference, ${alias}.title as ${alias}_title, ${alias}.tlp as ${alias}_tlp, ${alias}.organisation_id as ${alias}_organisation_id, ${alias}.owner_id as ${alias}_owner_id, ${alias}.named_user_ids as ${alias}_named_user_ids`,
  );
const itemJoin = (type: keyof typeof CLASSIFIED_TABLES, alias: string) =>
  sql.raw(
    `left join ${CLASSIFIED_TABLES[type]} ${alias} on ${alias}.id = (case when e.entity_type = '${type}' then e.entity_id::uuid end)`,
  );

type FactsRow = Record<string, unknown>;
function itemOf(row: FactsRow, alias: string): DisclosedItem | null {
  const reference = row[`${alias}_reference`];
  if (typeof reference !== 'string') return null;
  const named = row[`${alias}_named_user_ids`];
  return {
    reference,
    title: String(row[`${alias}_title`]),
    tlp: row[`${alias}_tlp`] as TlpLabel,
    organisationId: (row[`${alias}_organisation_id`] as string | null) ?? null,
    ownerId: (row[`${alias}_owner_id`] as string | null) ?? null,
    namedUserIds: Array.isArray(named) ? (named as string[]) : typeof named === 'string' ? (JSON.parse(named) as string[]) : [],
  };
}

/** Events newest first, each with the facts of the report or incident it is about (for the visibility policy). */
export async function listEventsWithItems(db: Db, f: AuditFilter): Promise<ListedEvent[]> {
  const events = await listEvents(db, f);
  const ids = events.filter((e) => e.entityType in CLASSIFIED_TABLES && e.entityId).map((e) => e.seq);
  if (!ids.length) return events.map((e) => ({ ...e, about: { kind: 'none' } }));
  const rows = await queryRows<FactsRow>(
    db,
    sql`select e.seq, ${itemFacts('r')}, ${itemFacts('i')} from audit_events e ${itemJoin('report', 'r')} ${itemJoin('incident', 'i')}
        where e.seq in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  const facts = new Map(rows.map((r) => [Number(r.seq), r] as const));
  return events.map((e): ListedEvent => {
    const row = facts.get(e.seq);
    if (!row) return { ...e, about: { kind: 'none' } };
    return { ...e, about: { kind: 'item', item: e.entityType === 'report' ? itemOf(row, 'r') : itemOf(row, 'i') } };
  });
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
