// API contract of the home page: what needs the signed-in user now (reports waiting for triage, their open
// incidents, who is on duty) and, for admins and leads until the team is set up (or hides it), the first-use
// checklist.
import { z } from 'zod';
import { DutyPerson, DutySource } from '../duty/duty.schemas';
import { TlpLabel } from '../taxonomies/tlp';

/** How many items each list of the home page holds at most (the total says how many there are). */
export const HOME_LIST_LIMIT = 8;

export const HomeReport = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  urgent: z.boolean(),
  tlp: TlpLabel,
  organisationName: z.string().nullable(),
  createdAt: z.string(),
  /** When the running clock is due (acknowledge, then triage); null when none runs. */
  dueAt: z.string().nullable(),
  breached: z.boolean(),
});
export type HomeReport = z.infer<typeof HomeReport>;

export const HomeIncident = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  status: z.string(),
  priority: z.string(),
  dueAt: z.string().nullable(),
  breached: z.boolean(),
});
export type HomeIncident = z.infer<typeof HomeIncident>;

export const ChecklistStep = z.enum(['profile', 'key', 'publication', 'organisations', 'duty', 'mail']);
export type ChecklistStep = z.infer<typeof ChecklistStep>;
/** 'later': the step belongs to a feature still to come (mail settings come with messaging). */
export const ChecklistState = z.enum(['done', 'todo', 'later']);
export type ChecklistState = z.infer<typeof ChecklistState>;

export const HomeState = z.object({
  /** Reports waiting for triage, urgent first, then by due time (the queue's order). */
  reports: z.object({ items: z.array(HomeReport), total: z.number().int(), urgent: z.number().int() }),
  /** Open incidents owned by the signed-in user, by priority then due time. */
  incidents: z.object({ items: z.array(HomeIncident), total: z.number().int() }),
  /** How many of the listed reports and incidents have a breached clock. */
  breached: z.number().int(),
  /** Who is on duty now; null for those who may not read the rota. */
  duty: z.object({ onDuty: DutyPerson.nullable(), source: DutySource.nullable(), backup: DutyPerson.nullable() }).nullable(),
  /** The first-use checklist, for admins and leads until every available step is done or it is hidden; null otherwise. */
  checklist: z.array(z.object({ step: ChecklistStep, state: ChecklistState })).nullable(),
  /** A lead or admin hid the unfinished checklist for the team (admins and leads may show it again). */
  checklistHidden: z.boolean(),
});
export type HomeState = z.infer<typeof HomeState>;

/** Hide the first-use checklist for the whole team, or show it again. */
export const ChecklistVisibility = z.object({ hidden: z.boolean() }).strict();
export type ChecklistVisibility = z.infer<typeof ChecklistVisibility>;
