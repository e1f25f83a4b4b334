// API contract of the duty rota (who is on duty now, the shifts ahead) and of in-app notifications
// (pages, escalations, SLA warnings and breaches, assignments) with their acknowledgement.
import { z } from 'zod';
import { MessageParams } from '../messages';

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
  /** The text in the recipient's language as it was written (times in UTC). */
  message: z.string(),
  /** The same message as an i18n key with parameters (see #shared/messages); null on notifications older than keys. */
  messageKey: z.string().nullable(),
  messageParams: MessageParams,
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const NotificationList = z.object({
  /** Unacknowledged first, then newest first. */
  items: z.array(Notification),
  unacknowledged: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

/** A wall-clock time 'HH:MM' (00:00–23:59) in the team's time zone. */
const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Use a 24-hour time HH:MM, e.g. 08:30' });
/** A calendar date 'YYYY-MM-DD'. */
const CalendarDate = z.iso.date({ message: 'A date YYYY-MM-DD' });
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

const slotFields = {
  weekdays: z.array(Weekday).min(1, { message: 'Pick at least one day' }).max(7),
  /** Local start time; a slot whose end is not later than its start ends the next day (a night shift). */
  startTime: WallTime,
  endTime: WallTime,
  userId: z.uuid(),
  role: DutyRole.default('primary'),
};
const eachDayOnce = (s: { weekdays: number[] }) => new Set(s.weekdays).size === s.weekdays.length;

export const DutyRotaSlotInput = z
  .object(slotFields)
  .strict()
  .refine(eachDayOnce, { message: 'Each day once', path: ['weekdays'] });
export type DutyRotaSlotInput = z.input<typeof DutyRotaSlotInput>;

const rotaFields = {
  name: z.string().trim().min(1, { message: 'Required' }).max(100),
  startsOn: CalendarDate,
  /** Last day (inclusive) on which an occurrence may start; open-ended when absent. */
  endsOn: CalendarDate.nullable().optional(),
  note: z.string().trim().max(500).optional(),
};
const endsAfterStart = { message: 'The rota must end on or after its first day', path: ['endsOn'] };

export const DutyRotaInput = z
  .object({ ...rotaFields, slots: z.array(DutyRotaSlotInput).min(1, { message: 'Add at least one slot' }).max(50) })
  .strict()
  .refine((r) => !r.endsOn || r.endsOn >= r.startsOn, endsAfterStart);
export type DutyRotaInput = z.input<typeof DutyRotaInput>;

/** A slot of a changed rota: with the id of one of the rota's slots it keeps that slot (and its exceptions). */
export const DutyRotaSlotUpdate = z
  .object({ id: z.uuid().optional(), ...slotFields })
  .strict()
  .refine(eachDayOnce, { message: 'Each day once', path: ['weekdays'] });
export type DutyRotaSlotUpdate = z.input<typeof DutyRotaSlotUpdate>;

/**
 * A change to a rota: the fields given replace the rota's. `slots`, when given, is the whole new week: slots
 * named by id are changed in place, slots without id are added, the rota's slots left out are removed (with
 * their exceptions). Exceptions on dates a changed slot no longer covers are removed too.
 */
export const DutyRotaUpdate = z
  .object({
    ...rotaFields,
    name: rotaFields.name.optional(),
    startsOn: CalendarDate.optional(),
    note: z.string().trim().max(500).nullable().optional(),
    slots: z.array(DutyRotaSlotUpdate).min(1, { message: 'Add at least one slot' }).max(50).optional(),
  })
  .strict()
  .refine((r) => !r.endsOn || !r.startsOn || r.endsOn >= r.startsOn, endsAfterStart);
export type DutyRotaUpdate = z.input<typeof DutyRotaUpdate>;

export const DutyRotaExceptionParams = z
  .object({ id: z.uuid({ message: 'Not a valid id' }), exceptionId: z.uuid({ message: 'Not a valid id' }) })
  .strict();

export const DutyRotaSlot = z.object({
  id: z.uuid(),
  weekdays: z.array(Weekday),
  startTime: z.string(),
  endTime: z.string(),
  userId: z.uuid(),
  userName: z.string(),
  role: DutyRole,
});
export type DutyRotaSlot = z.infer<typeof DutyRotaSlot>;

export const DutyRotaException = z.object({
  id: z.uuid(),
  slotId: z.uuid(),
  date: z.string(),
  /** The replacement; null when the occurrence is cancelled. */
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  note: z.string().nullable(),
});
export type DutyRotaException = z.infer<typeof DutyRotaException>;

export const DutyRota = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
  slots: z.array(DutyRotaSlot),
  createdAt: z.string(),
});
export type DutyRota = z.infer<typeof DutyRota>;

export const DutyRotaExceptionInput = z
  .object({
    slotId: z.uuid(),
    /** The local date the replaced occurrence starts on. */
    date: CalendarDate,
    /** Who takes the occurrence; null cancels it. */
    userId: z.uuid().nullable(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type DutyRotaExceptionInput = z.input<typeof DutyRotaExceptionInput>;

/** One entry of the duty calendar: a one-off shift, or an occurrence of a rota slot. */
export const DutyEntry = z.object({
  kind: z.enum(['shift', 'rota']),
  /** The shift id, or the slot id of a rota occurrence. */
  id: z.uuid(),
  rotaId: z.uuid().nullable(),
  rotaName: z.string().nullable(),
  /** Local date (team zone) a rota occurrence starts on; null for one-off shifts. */
  date: z.string().nullable(),
  userId: z.uuid(),
  userName: z.string(),
  role: DutyRole,
  startsAt: z.string(),
  endsAt: z.string(),
  /** A rota occurrence taken by someone else than the slot's person (an exception). */
  replaced: z.boolean(),
  /** A rota occurrence set aside, for its whole length or part of it, by a one-off shift of the same role. */
  overridden: z.boolean(),
});
export type DutyEntry = z.infer<typeof DutyEntry>;

export const DutyCalendarQuery = z.object({ weeks: z.coerce.number().int().min(1).max(12).default(4) }).strict();
export type DutyCalendarQuery = z.infer<typeof DutyCalendarQuery>;

export const DutyCalendar = z.object({
  /** The team's time zone, in which rota times are read. */
  zone: z.string(),
  from: z.string(),
  until: z.string(),
  rotas: z.array(DutyRota),
  /** Cancelled occurrences are absent; earliest first. */
  entries: z.array(DutyEntry),
  exceptions: z.array(DutyRotaException),
});
export type DutyCalendar = z.infer<typeof DutyCalendar>;
