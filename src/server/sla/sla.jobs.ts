// The SLA sweep, every minute: clocks past due become breached (the owner, or the duty officer, is told; an
// urgent report or P1 incident also escalates to the leads), and clocks about to breach warn once. And the
// escalation check a page schedules for its deadline: it escalates unless the page was acknowledged or the
// clock it watches was met. Reports and incidents sit above sla: the entry (app.ts) hands these jobs a look-up
// of a clock's subject per subject type (`ClockSubjects`), so sla never imports them.
import { z } from 'zod';
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { defineJob } from '#server/jobs/queue';
import { recordAudit } from '#server/audit/audit.service';
import {
  aboutParams,
  aboutText,
  notificationRef,
  notify,
  type Recipient,
  notificationTime,
  targetName,
} from '#server/notifications/notifications.service';
import { describeFor, type Described, type DisclosedItem } from '#server/policy/disclosure';
import { ESCALATE_PAGE_JOB, dutyOfficerAt, escalate, escalateIn } from '#server/duty/duty.service';
import { unsafeFindNotificationRow } from '#server/notifications/notifications.service';
import { findUserRowById } from '#server/users/users.service';
import { clocksOf, markBreaches, takeApproachingBreaches } from './sla.service';
import type { SlaClockRow } from './sla.table';
import { SlaTarget } from '#shared/sla/sla.schemas';

/** Warn when a clock has less than 15 minutes, or 20 % of its target, left: whichever comes later. */
export const WARNING_WINDOW = { maxMs: 15 * 60_000, fraction: 0.2 } as const;

/** A clock's subject (a report or an incident) as these jobs need it. */
export interface ClockSubject extends DisclosedItem {
  /** Urgent reports and P1 incidents escalate to the leads when breached. */
  urgent: boolean;
}

/** How to find a clock's subject whoever looks (null when gone), per subject type. */
export type ClockSubjects = Record<SlaClockRow['subjectType'], (db: Db, id: string) => Promise<ClockSubject | null>>;

const subjectOf = (subjects: ClockSubjects, db: Db, clock: Pick<SlaClockRow, 'subjectType' | 'subjectId'>) =>
  subjects[clock.subjectType](db, clock.subjectId);

/** The owner when active, else whoever is on duty now. */
async function responsible(db: Db, ownerId: string | null, at: Date): Promise<Recipient | null> {
  const owner = ownerId ? await findUserRowById(db, ownerId) : null;
  if (owner && !owner.disabledAt) return { userId: owner.id, email: owner.email };
  const officer = await dutyOfficerAt(db, at);
  return officer ? { userId: officer.userId, email: officer.email } : null;
}

/**
 * The subject as SLA messages may name it. They reach the owner or whoever is on duty, and on a breach the
 * leads: described for the team, not for a named user.
 */
const about = (f: ClockSubject): Described => describeFor({ kind: 'team' }, f, 'notification');

/** The clock's target (a key of its name) and due time, as message parameters. */
const targetParams = (clock: SlaClockRow) => ({
  targetKey: `notifications.target.${clock.target}`,
  dueAt: clock.dueAt?.toISOString() ?? null,
});

export async function checkClocks(ctx: Ctx, subjects: ClockSubjects): Promise<{ breached: number; warned: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const breached = await markBreaches(tx, now);
    for (const clock of breached) {
      const facts = await subjectOf(subjects, tx, clock);
      if (!facts) continue;
      const subject: [SlaClockRow['subjectType'], string] = [clock.subjectType, clock.subjectId];
      const target = targetName(clock.target);
      const d = about(facts);
      const message = {
        en: `SLA breached: the ${target.en} target of ${aboutText(d, ':')} was due ${notificationTime(clock.dueAt)}`,
        fr: `Engagement dépassé : l’échéance de ${target.fr} de ${aboutText(d, ' :')} était ${notificationTime(clock.dueAt)}`,
      };
      const ref = notificationRef('slaBreach', { ...aboutParams(d), ...targetParams(clock) });
      const to = await responsible(tx, facts.ownerId, now);
      if (to) await notify(tx, { recipients: [to], kind: 'sla-breach', subject, message, ref, at: now });
      await recordAudit(tx, ctx, {
        action: 'sla.breach',
        entity: subject,
        summary: { target: clock.target, dueAt: clock.dueAt?.toISOString() ?? null, notified: to?.userId ?? null },
      });
      if (facts.urgent) {
        const why = {
          text: { en: `the ${target.en} target was missed`, fr: `l’échéance de ${target.fr} est dépassée` },
          ref: notificationRef('why.targetMissed', targetParams(clock)),
        };
        await escalateIn(tx, ctx, { subject, item: facts, about: { text: message, ref }, why });
      }
    }
    const approaching = await takeApproachingBreaches(tx, now, WARNING_WINDOW);
    for (const clock of approaching) {
      const facts = await subjectOf(subjects, tx, clock);
      const to = facts ? await responsible(tx, facts.ownerId, now) : null;
      if (!facts || !to) continue;
      const target = targetName(clock.target);
      const d = about(facts);
      const message = {
        en: `SLA warning: the ${target.en} target of ${aboutText(d, ':')} is due ${notificationTime(clock.dueAt)}`,
        fr: `Échéance proche : ${target.fr} de ${aboutText(d, ' :')} attendu avant ${notificationTime(clock.dueAt)}`,
      };
      const ref = notificationRef('slaWarning', { ...aboutParams(d), ...targetParams(clock) });
      await notify(tx, { recipients: [to], kind: 'sla-warning', subject: [clock.subjectType, clock.subjectId], message, ref, at: now });
    }
    return { breached: breached.length, warned: approaching.length };
  });
}

/** The sweep, every minute. */
export const slaCheckJob = (subjects: ClockSubjects) =>
  defineJob({
    name: 'sla.check',
    payload: z.object({}).passthrough(),
    every: { ms: 60_000 },
    async run(ctx) {
      const done = await checkClocks(ctx, subjects);
      if (done.breached || done.warned) ctx.log.info(done, 'SLA clocks checked');
    },
  });

/** At a page's deadline: escalates to the leads unless the page was acknowledged or the team already acted. */
export const escalatePageJob = (subjects: ClockSubjects) =>
  defineJob({
    name: ESCALATE_PAGE_JOB,
    // `reference` was carried by pages enqueued before the subject look-up; it is ignored.
    payload: z.object({ notificationId: z.uuid(), target: SlaTarget, reference: z.string().optional() }),
    async run(ctx, { notificationId, target }) {
      const page = await unsafeFindNotificationRow(ctx.db, notificationId);
      if (!page || page.acknowledgedAt) return;
      const [clock] = (await clocksOf(ctx.db, page.subjectType, [page.subjectId])).filter((c) => c.target === target);
      if (clock?.metAt) return;
      const item = await subjectOf(subjects, ctx.db, { subjectType: page.subjectType, subjectId: page.subjectId });
      if (!item) return;
      await escalate(ctx, {
        subject: [page.subjectType, page.subjectId],
        item,
        about: { text: { en: item.reference, fr: item.reference }, ref: notificationRef('reference', { reference: item.reference }) },
        why: {
          text: {
            en: 'the page to the duty officer was not acknowledged in time',
            fr: 'l’appel de l’astreinte n’a pas été acquitté à temps',
          },
          ref: notificationRef('why.pageUnacknowledged'),
        },
      });
    },
  });
