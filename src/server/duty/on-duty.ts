// Who is on duty at an instant, and whom escalations reach: read by paging, the SLA sweep and intake (through
// duty.service.ts), from one-off shifts and rota occurrences merged in duty-cover.ts.
import type { Db } from '#server/db/client';
import { hoursEngine } from '#server/hours/hours.service';
import * as repo from './duty.repo';
import { coveringAt, firstPrimaryStarting } from './duty-cover';
import type { DutyPerson, DutySource } from '#shared/duty/duty.schemas';

/** How far ahead the "next shift" fallback looks. */
const NEXT_SHIFT_HORIZON_MS = 7 * 86_400_000;

export interface DutyOfficer extends DutyPerson {
  source: DutySource;
}

const person = (s: { userId: string; userName: string; userEmail: string; userRole: string }): DutyPerson => ({
  userId: s.userId,
  name: s.userName,
  email: s.userEmail,
  role: s.userRole,
});

/**
 * Who is on duty at `at`, and the backup, from one-off shifts and rota occurrences alike (a one-off shift
 * overrides rota occurrences of its role; see duty-cover.ts). When no primary covers `at`, in this order:
 * 1. the backup whose shift covers `at` (source 'backup');
 * 2. the primary of the shift covering the team's next opening (its operating hours, holidays and
 *    closures), else of the next primary shift within 7 days (source 'next-shift'): the person who
 *    will be on duty soonest, paged and e-mailed now rather than nobody;
 * 3. the longest-serving active lead, else admin (source 'lead'), who answers for the rota.
 * Pages that nobody acknowledges escalate to every lead (paging.ts), so a fallback never leaves an urgent
 * report unseen. Shifts of disabled users are ignored.
 */
export async function dutyAt(db: Db, at: Date): Promise<{ onDuty: DutyOfficer | null; backup: DutyPerson | null }> {
  const now = await coveringAt(db, at);
  const primary = now.find((s) => s.role === 'primary');
  const backup = now.find((s) => s.role === 'backup' && s.userId !== primary?.userId);
  if (primary) return { onDuty: { ...person(primary), source: 'shift' }, backup: backup ? person(backup) : null };
  if (backup) return { onDuty: { ...person(backup), source: 'backup' }, backup: null };

  const opening = (await hoursEngine(db)).nextOpening(at);
  const atOpening =
    opening && opening.getTime() > at.getTime() ? (await coveringAt(db, opening)).find((s) => s.role === 'primary') : undefined;
  const next = atOpening ?? (await firstPrimaryStarting(db, at, new Date(at.getTime() + NEXT_SHIFT_HORIZON_MS)));
  if (next) return { onDuty: { ...person(next), source: 'next-shift' }, backup: null };

  const [lead] = await repo.activeUsersWithRole(db, ['lead']);
  const [admin] = lead ? [] : await repo.activeUsersWithRole(db, ['admin']);
  const chosen = lead ?? admin;
  return {
    onDuty: chosen ? { userId: chosen.id, name: chosen.name, email: chosen.email, role: chosen.role, source: 'lead' } : null,
    backup: null,
  };
}

/** The duty officer at `at` (see dutyAt for the fallbacks); null only for a team with no lead, admin or shift. */
export async function dutyOfficerAt(db: Db, at: Date): Promise<DutyOfficer | null> {
  return (await dutyAt(db, at)).onDuty;
}

/** Everyone escalations go to: active leads, or admins when the team has no lead. */
export async function escalationContacts(db: Db): Promise<DutyPerson[]> {
  const leads = await repo.activeUsersWithRole(db, ['lead']);
  const chosen = leads.length ? leads : await repo.activeUsersWithRole(db, ['admin']);
  return chosen.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: u.role }));
}
