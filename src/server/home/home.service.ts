// The home page: what needs the signed-in user now, assembled from the features' own services (so every
// list goes through the visibility policy), and the first-use checklist for admins and leads, which they may
// hide for the whole team and show again.
import type { Ctx } from '#server/ctx';
import { listReports } from '#server/reports/reports.service';
import { listIncidents } from '#server/incidents/incidents.service';
import { listOrganisations } from '#server/organisations/organisations.service';
import { teamSetup } from '#server/team/team.service';
import { dutyAt, hasPlannedDuty } from '#server/duty/duty.service';
import { recordAudit } from '#server/audit/audit.service';
import { actorId } from '#server/ctx';
import { can } from '#shared/permissions';
import * as repo from './home.repo';
import {
  HOME_LIST_LIMIT,
  type ChecklistVisibility,
  type ChecklistState,
  type ChecklistStep,
  type HomeIncident,
  type HomeState,
} from '#shared/home/home.schemas';
import type { IncidentStatus } from '#shared/incidents/incidents.schemas';

const WEEK = 7 * 86_400_000;
const OPEN_INCIDENT: IncidentStatus[] = ['open', 'in-progress', 'waiting'];
const PRIORITY_ORDER = (p: string) => Number(p.replace(/\D/g, '')) || 9;

async function myOpenIncidents(ctx: Ctx, userId: string): Promise<HomeState['incidents']> {
  // Why three bounded queries: the list filter takes one status, and each answers its own total.
  const lists = await Promise.all(OPEN_INCIDENT.map((status) => listIncidents(ctx, { status, ownerId: userId, limit: HOME_LIST_LIMIT })));
  const items: HomeIncident[] = lists
    .flatMap((l) => l.items)
    .sort((a, b) => PRIORITY_ORDER(a.priority) - PRIORITY_ORDER(b.priority) || (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~'))
    .slice(0, HOME_LIST_LIMIT)
    .map((i) => ({
      id: i.id,
      reference: i.reference,
      title: i.title,
      status: i.status,
      priority: i.priority,
      dueAt: i.dueAt,
      breached: i.breached,
    }));
  return { items, total: lists.reduce((n, l) => n + l.total, 0) };
}

/** The steps of a new team's set-up; mail settings come with messaging, so they are never a fake tick. */
async function checklist(ctx: Ctx): Promise<HomeState['checklist']> {
  const now = ctx.clock.now();
  const [setup, orgs, duty] = await Promise.all([
    teamSetup(ctx),
    listOrganisations(ctx, { kind: 'constituent', limit: 1 }),
    hasPlannedDuty(ctx.db, now, new Date(now.getTime() + WEEK)),
  ]);
  const done = (b: boolean): ChecklistState => (b ? 'done' : 'todo');
  const steps: { step: ChecklistStep; state: ChecklistState }[] = [
    { step: 'profile', state: done(setup.profileSaved) },
    { step: 'key', state: done(setup.keyPresent) },
    { step: 'publication', state: done(setup.published) },
    { step: 'organisations', state: done(orgs.total > 0) },
    { step: 'duty', state: done(duty) },
    { step: 'mail', state: 'later' },
  ];
  return steps.some((s) => s.state === 'todo') ? steps : null;
}

export async function getHome(ctx: Ctx): Promise<HomeState> {
  const user = ctx.actor.kind === 'user' ? ctx.actor : null;
  const role = user?.role ?? null;
  const [reports, urgent, incidents, duty, steps, settings] = await Promise.all([
    listReports(ctx, { status: 'new', limit: HOME_LIST_LIMIT }),
    listReports(ctx, { status: 'new', urgent: true, limit: 1 }),
    user ? myOpenIncidents(ctx, user.id) : Promise.resolve({ items: [], total: 0 }),
    role && can(role, 'duty:read') ? dutyAt(ctx.db, ctx.clock.now()) : Promise.resolve(null),
    // Why admins and leads only: they answer for the set-up; the checklist would be noise for analysts.
    role === 'admin' || role === 'lead' ? checklist(ctx) : Promise.resolve(null),
    repo.findSettings(ctx.db),
  ]);
  const hidden = steps !== null && Boolean(settings?.checklistHiddenAt);
  const reportItems = reports.items.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    urgent: r.urgent,
    tlp: r.tlp,
    organisationName: r.organisationName,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    breached: r.breached,
  }));
  return {
    reports: { items: reportItems, total: reports.total, urgent: urgent.total },
    incidents,
    breached: reportItems.filter((r) => r.breached).length + incidents.items.filter((i) => i.breached).length,
    duty: duty
      ? {
          onDuty: duty.onDuty
            ? { userId: duty.onDuty.userId, name: duty.onDuty.name, email: duty.onDuty.email, role: duty.onDuty.role }
            : null,
          source: duty.onDuty?.source ?? null,
          backup: duty.backup,
        }
      : null,
    checklist: hidden ? null : steps,
    checklistHidden: hidden,
  };
}

/** Hides the first-use checklist for the whole team (it follows every lead and admin), or shows it again; audited. */
export async function setChecklistVisibility(ctx: Ctx, input: ChecklistVisibility): Promise<ChecklistVisibility> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await repo.setChecklistHidden(tx, input.hidden ? { at: now, by: actorId(ctx.actor) } : null, now);
    if (Boolean(before?.checklistHiddenAt) === input.hidden) return;
    await recordAudit(tx, ctx, { action: input.hidden ? 'home.checklist-hide' : 'home.checklist-show', entity: ['home-checklist', null] });
  });
  return { hidden: input.hidden };
}
