// Use case: rescore an incident (new impact, extent and possibly urgency, with the reason), keeping the history of every score.
import type { Ctx } from '#server/ctx';
import { recordAudit } from '#server/audit/audit.service';
import { hoursEngine } from '#server/hours/hours.service';
import { getIncident, lockVisibleIncident } from './incidents.service';
import { constituentFacts } from './incident-rules';
import { applyScore } from './scoring';
import type { Incident, Rescore } from '#shared/incidents/incidents.schemas';

export async function rescoreIncident(ctx: Ctx, id: string, input: Rescore): Promise<Incident> {
  const engine = await hoursEngine(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const before = await lockVisibleIncident(ctx, tx, id);
    // The constituent's criticality is read afresh: it may have changed since the last score.
    const facts = await constituentFacts(tx, before.organisationId, 'body');
    const after = await applyScore(tx, ctx, engine, before, {
      impact: input.impact,
      extent: input.extent,
      criticality: facts.criticality,
      urgent: input.urgent ?? before.urgent,
      reason: input.reason,
    });
    await recordAudit(tx, ctx, {
      action: 'incident.rescore',
      entity: ['incident', id],
      summary: {
        reason: input.reason,
        from: { score: before.score, priority: before.priority },
        to: { score: after.score, priority: after.priority },
        explanation: after.explanation,
        clockRestarted: after.clockRestarted,
      },
    });
  });
  return getIncident(ctx, id);
}
