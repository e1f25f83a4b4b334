// API contract of the duty rota (who is on duty now, the shifts ahead) and of in-app notifications
// (pages, escalations, SLA warnings and breaches, assignments) with their acknowledgement.
import { z } from 'zod';

export const DutyRole = z.enum(['primary', 'backup']);
export type DutyRole = z.infer<typeof DutyRole>;

/** How the duty officer was found: a shift covering the instant, or one of the documented fallbacks. */
export const DutySource = z.enum(['shift', 'backup', 'next-shift', 'lead']);
export type DutySource = z.infer<typeof DutySource>;

export const DutyPerson = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  /** The person's team role (lead, analyst…). */
  role: z.string(),
});
export type DutyPerson = z.infer<typeof DutyPerson>;

export const DutyShift = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  role: DutyRole,
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type DutyShift = z.infer<typeof DutyShift>;

export const DutyState = z.object({
  /** Who is paged right now; null only when the team has no active lead and no shift at all. */
  onDuty: DutyPerson.nullable(),
  /** How `onDuty` was chosen (see dutyOfficerAt on the server). */
  source: DutySource.nullable(),
  backup: DutyPerson.nullable(),
  /** Shifts that end after now and start within the next 14 days, earliest first. */
  shifts: z.array(DutyShift),
});
export type DutyState = z.infer<typeof DutyState>;

const Instant = z.iso.datetime({ offset: true, message: 'An ISO 8601 date-time with an offset' });

export const DutyShiftInput = z
  .object({
    userId: z.uuid(),
    role: DutyRole.default('primary'),
    startsAt: Instant,
    endsAt: Instant,
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'The shift must end after it starts', path: ['endsAt'] });
export type DutyShiftInput = z.input<typeof DutyShiftInput>;

export const NotificationKind = z.enum(['page', 'escalation', 'sla-warning', 'sla-breach', 'assignment']);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  subjectType: z.enum(['report', 'incident']),
  subjectId: z.uuid(),
  message: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const NotificationList = z.object({
  /** Unacknowledged first, then newest first. */
  items: z.array(Notification),
  unacknowledged: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;
