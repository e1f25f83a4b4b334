// Jobs of incidents: paging the duty officer when an incident is created or rescored as P1.
import { z } from 'zod';
import { defineJob } from '#server/jobs/queue';
import { clocksOf } from '#server/sla/sla.service';
import { pageDutyOfficer } from '#server/duty/duty.service';
import { aboutParams, aboutText, notificationRef } from '#server/notifications/notifications.service';
import { describeFor } from '#server/policy/disclosure';
import { unsafeFindIncidentRow } from './incidents.service';
import { PAGE_INCIDENT_JOB } from './incident-rules';
import { DEFAULT_SLA_TARGETS } from '#shared/sla/sla.schemas';

/** A page is acknowledged within the urgent acknowledgement target (30 min), or sooner if first action is due sooner. */
const ACK_MS = DEFAULT_SLA_TARGETS.report.urgent.acknowledge;

export const pageDutyForIncidentJob = defineJob({
  name: PAGE_INCIDENT_JOB,
  payload: z.object({ incidentId: z.uuid() }),
  async run(ctx, { incidentId }) {
    const incident = await unsafeFindIncidentRow(ctx.db, incidentId);
    if (!incident || incident.priority !== 'P1' || incident.status !== 'open') return;
    const clock = (await clocksOf(ctx.db, 'incident', [incidentId])).find((c) => c.target === 'first-action');
    if (clock?.metAt) return;
    const ackBy = ctx.clock.now().getTime() + ACK_MS;
    const deadline = new Date(clock?.dueAt ? Math.min(ackBy, clock.dueAt.getTime()) : ackBy);
    // The page reaches whoever is on duty, then the leads: described for the team, not for a named user.
    const about = describeFor({ kind: 'team' }, incident, 'notification');
    await pageDutyOfficer(ctx, {
      subject: ['incident', incidentId],
      item: incident,
      about: {
        text: { en: `P1 incident ${aboutText(about, ':')}`, fr: `Incident P1 ${aboutText(about, ' :')}` },
        ref: notificationRef('p1Incident', aboutParams(about)),
      },
      deadline,
      target: 'first-action',
    });
  },
});
