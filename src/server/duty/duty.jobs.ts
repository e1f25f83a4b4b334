// Jobs of the duty rota: paging the duty officer for an urgent report (enqueued by reports intake as
// 'reports.page-duty'), and the escalation check a page schedules for its deadline.
import { z } from 'zod';
import { defineJob } from '../jobs/queue';
import { clocksOf } from '../sla/sla.service';
import { aboutParams, aboutText, notificationRef, unsafeFindNotificationRow } from '../notifications/notifications.service';
import { describeFor } from '../policy/disclosure';
import { unsafeFindReportRow } from '../reports/reports.service';
import { ESCALATE_PAGE_JOB, escalate, pageDutyOfficer } from './paging';
import { DEFAULT_SLA_TARGETS, SlaTarget } from '#shared/sla/sla.schemas';

/** Pages the duty officer about an urgent report still waiting; the page is due with the report's acknowledge clock. */
export const pageDutyForReportJob = defineJob({
  name: 'reports.page-duty',
  payload: z.object({ reportId: z.uuid() }),
  async run(ctx, { reportId }) {
    const report = await unsafeFindReportRow(ctx.db, reportId);
    if (report?.status !== 'new') return; // triaged before the job ran: nobody needs waking
    const [clock] = (await clocksOf(ctx.db, 'report', [reportId])).filter((c) => c.target === 'acknowledge');
    if (clock?.metAt) return;
    const deadline = clock?.dueAt ?? new Date(ctx.clock.now().getTime() + DEFAULT_SLA_TARGETS.report.urgent.acknowledge);
    // The page reaches whoever is on duty, then the leads: described for the team, not for a named user.
    const about = describeFor({ kind: 'team' }, report, 'notification');
    await pageDutyOfficer(ctx, {
      subject: ['report', reportId],
      reference: report.reference,
      about: {
        text: { en: `Urgent report ${aboutText(about, ':')}`, fr: `Signalement urgent ${aboutText(about, ' :')}` },
        ref: notificationRef('urgentReport', aboutParams(about)),
      },
      deadline,
      target: 'acknowledge',
    });
  },
});

/** At a page's deadline: escalates to the leads unless the page was acknowledged or the team already acted. */
export const escalatePageJob = defineJob({
  name: ESCALATE_PAGE_JOB,
  payload: z.object({ notificationId: z.uuid(), target: SlaTarget, reference: z.string() }),
  async run(ctx, { notificationId, target, reference }) {
    const page = await unsafeFindNotificationRow(ctx.db, notificationId);
    if (!page || page.acknowledgedAt) return;
    const [clock] = (await clocksOf(ctx.db, page.subjectType, [page.subjectId])).filter((c) => c.target === target);
    if (clock?.metAt) return;
    await escalate(ctx, {
      subject: [page.subjectType, page.subjectId],
      reference,
      about: { text: { en: reference, fr: reference }, ref: notificationRef('reference', { reference }) },
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
