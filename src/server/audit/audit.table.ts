// The audit trail: an append-only list of every state-changing action, sealed into a keyed hash chain.
// Writers only insert (their `seq` comes from a sequence: no row is locked); one sealer at a time gives each
// committed event its chain position and keyed hash (see audit.service.ts, sealAuditTrail).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable(
  'audit_events',
  {
    // From a sequence, in the writer's transaction: gaps (rolled-back transactions) are normal, and a lower seq
    // may commit after a higher one. The chain's order is `position`, not `seq`.
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'), // no foreign key: the trail outlives deleted accounts
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    /** Place in the chain, contiguous from 1, given when sealed; null until then. A gap means a deleted event. */
    position: bigint('position', { mode: 'number' }),
    /** The keyed hash of the event before it in the chain (null until sealed). */
    prevHash: text('prev_hash'),
    /** HMAC-SHA-256 over prevHash, position and the content, keyed by the instance secret (null until sealed). */
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_actor_idx').on(t.actorId),
    index('audit_events_action_idx').on(t.action),
    uniqueIndex('audit_events_position_idx').on(t.position),
    // The sealer's work list: small, since events are sealed within seconds.
    index('audit_events_unsealed_idx')
      .on(t.seq)
      .where(sql`position is null`),
  ],
);

/** The sealer's state, one row (id = 1): the last sealed chain position and its hash. Only the sealer writes it. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  // Why the column keeps its name `last_seq`: it held the last sequence number before sealing existed.
  lastPosition: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

export type AuditEventRow = typeof auditEvents.$inferSelect;
