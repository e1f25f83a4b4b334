// SQL of the audit trail: append without locking anything, seal under one advisory lock, list with filters (with
// the facts the visibility policy needs about the item each event is about), read in chain order for verification.
import { and, desc, eq, gte, ilike, lt, lte, asc, gt, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DisclosedItem } from '#server/policy/disclosure';
import type { TlpLabel } from '#shared/taxonomies/tlp';
import { queryRows, type Db } from '#server/db/client';
import { auditEvents, auditHead, type AuditEventRow } from './audit.table';
import type { ChainedContent } from './audit.chain';

export type NewAuditEvent = Omit<ChainedContent, 'seq'>;

/**
 * Appends events in the caller's transaction, so they commit (or roll back) with the changes they record.
 * Why no lock: the seq comes from a sequence, and the chain hash is computed later by the sealer, so concurrent
 * writers never wait on each other here.
 */
export async function appendEvents(tx: Db, events: NewAuditEvent[]): Promise<void> {
  if (events.length) await tx.insert(auditEvents).values(events);
}

// Why a fixed advisory lock key: one sealer at a time across every instance sharing the database.
const SEALER_LOCK_KEY = 7_420_011;

/** Takes the sealer's lock for the rest of the transaction `tx`; false when another sealer holds it. */
export async function tryLockSealer(tx: Db): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) as ok`);
  return row?.ok === true;
}

export async function readHead(db: Db): Promise<{ lastPosition: number; lastHash: string } | null> {
  const rows = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return rows[0] ?? null;
}

/** Committed events not sealed yet, lowest seq first (a lower seq that commits late is found by a later batch). */
export async function readUnsealed(tx: Db, limit: number): Promise<AuditEventRow[]> {
  return tx.select().from(auditEvents).where(isNull(auditEvents.position)).orderBy(asc(auditEvents.seq)).limit(limit);
}

export interface SealedLink {
  seq: number;
  position: number;
  prevHash: string;
  hash: string;
}

/** Writes the chain positions and hashes of a batch and moves the head, in one statement each. */
export async function sealEvents(tx: Db, links: SealedLink[], head: { position: number; hash: string }): Promise<void> {
  if (!links.length) return;
  // Each column travels as one parameter, a PostgreSQL array literal (numbers and hex digests: nothing to escape).
  const arr = (values: (string | number)[]) => `{${values.map((v) => String(v)).join(',')}}`;
  await tx.execute(
    sql`update audit_events e set position = l.position, prev_hash = l.prev_hash, hash = l.hash
        from (select unnest(${arr(links.map((l) => l.seq))}::bigint[]) as seq,
                     unnest(${arr(links.map((l) => l.position))}::bigint[]) as position,
                     unnest(${arr(links.map((l) => l.prevHash))}::text[]) as prev_hash,
                     unnest(${arr(links.map((l) => l.hash))}::text[]) as hash) l
        where e.seq = l.seq and e.position is null`,
  );
  await tx.update(auditHead).set({ lastPosition: head.position, lastHash: head.hash }).where(eq(auditHead.id, 1));
}

export async function countUnsealed(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from audit_events where position is null`);
  return Number(row?.n ?? 0);
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

/** Sealed events in chain order, after position `afterPosition`. */
export async function readChainBatch(db: Db, afterPosition: number, size: number): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(isNotNull(auditEvents.position), gt(auditEvents.position, afterPosition)))
    .orderBy(asc(auditEvents.position))
    .limit(size);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
