// The SLA sweep, every minute: clocks past due become breached (the owner, or the duty officer, is told; an
// urgent report or P1 incident also escalates to the leads), and clocks about to breach warn once.
import { z } from 'zod';
import type { Ctx } from '../ctx';
import type { Db } from '../db/client';
import { defineJob } from '../jobs/queue';
import { recordAudit } from '../audit/audit.service';
import {
  aboutParams,
  aboutText,
  notificationRef,
  notify,
  type Recipient,
  notificationTime,
  targetName,
} from '../notifications/notifications.service';
import { describeFor, type Described, type DisclosedItem } from '../policy/disclosure';
import { dutyOfficerAt } from '../duty/duty.service';
import { escalateIn } from '../duty/paging';
import { findUserRowById } from '../users/users.service';
import { unsafeFindReportRow } from '../reports/reports.service';
import { unsafeFindIncidentRow } from '../incidents/incidents.service';
import { markBreaches, takeApproachingBreaches } from './sla.service';
import type { SlaClockRow } from './sla.table';

/** Warn when a clock has less than 15 minutes, or 20 % of its target, left: whichever comes later. */
export const WARNING_WINDOW = { maxMs: 15 * 60_000, fraction: 0.2 } as const;

interface SubjectFacts extends DisclosedItem {
  /** Urgent reports and P1 incidents escalate to the leads when breached. */
  urgent: boolean;
}

async function subjectFacts(db: Db, clock: SlaClockRow): Promise<SubjectFacts | null> {
  if (clock.subjectType === 'incident') {
    const i = await unsafeFindIncidentRow(db, clock.subjectId);
    return i ? { ...i, urgent: i.priority === 'P1' } : null;
  }
  const r = await unsafeFindReportRow(db, clock.subjectId);
  return r;
}

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
const about = (f: SubjectFacts): Described => describeFor({ kind: 'team' }, f, 'notification');

/** The clock's target (a key of its name) and due time, as message parameters. */
const targetParams = (clock: SlaClockRow) => ({
  targetKey: `notifications.target.${clock.target}`,
  dueAt: clock.dueAt?.toISOString() ?? null,
});

export async function checkClocks(ctx: Ctx): Promise<{ breached: number; warned: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const breached = await markBreaches(tx, now);
    for (const clock of breached) {
      const facts = await subjectFacts(tx, clock);
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
        await escalateIn(tx, ctx, { subject, reference: facts.reference, about: { text: message, ref }, why });
      }
    }
    const approaching = await takeApproachingBreaches(tx, now, WARNING_WINDOW);
    for (const clock of approaching) {
      const facts = await subjectFacts(tx, clock);
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

export const slaCheckJob = defineJob({
  name: 'sla.check',
  payload: z.object({}).passthrough(),
  every: { ms: 60_000 },
  async run(ctx) {
    const done = await checkClocks(ctx);
    if (done.breached || done.warned) ctx.log.info(done, 'SLA clocks checked');
  },
});
