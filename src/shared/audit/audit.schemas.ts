// API contract of the audit trail: events as listed to admins, and the list filters.
import { z } from 'zod';
import { limits } from '../limits';

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  /** The summary was reduced to what this reader may learn of the item (its reference): the reader may not see the item. */
  redacted: z.boolean(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  /** Its place in the sealed hash chain; null while not sealed yet (events are sealed within seconds). */
  position: z.number().int().nullable().optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z
  .object({
    action: z.string().max(limits.auditQuery).optional(),
    actor: z.string().max(limits.auditQuery).optional(),
    entityType: z.string().max(limits.auditQuery).optional(),
    entityId: z.string().max(limits.auditQuery).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEvent),
  /** Pass as `before` to get the next (older) page; null at the end. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Sealed events verified. */
  checked: z.number().int(),
  /** Events recorded in the last seconds, not sealed yet (not verified). */
  unsealed: z.number().int().optional(),
  /** Signed checkpoints found outside the database and compared with the chain. */
  checkpoints: z.number().int().optional(),
  /** The first problem: `seq` the event it was found at (0: none), `position` its place in the chain. */
  firstBroken: z.object({ seq: z.number().int(), position: z.number().int().nullable().optional(), reason: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
