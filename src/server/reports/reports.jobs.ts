// Jobs of reports: paging the duty officer about an urgent report (enqueued by intake as 'reports.page-duty').
import { z } from 'zod';
import { defineJob } from '#server/jobs/queue';
import { clocksOf } from '#server/sla/sla.service';
import { pageDutyOfficer } from '#server/duty/duty.service';
import { aboutParams, aboutText, notificationRef } from '#server/notifications/notifications.service';
import { describeFor } from '#server/policy/disclosure';
import { unsafeFindReportRow } from './reports.repo';
import { DEFAULT_SLA_TARGETS } from '#shared/sla/sla.schemas';

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
      item: report,
      about: {
        text: { en: `Urgent report ${aboutText(about, ':')}`, fr: `Signalement urgent ${aboutText(about, ' :')}` },
        ref: notificationRef('urgentReport', aboutParams(about)),
      },
      deadline,
      target: 'acknowledge',
    });
  },
});
