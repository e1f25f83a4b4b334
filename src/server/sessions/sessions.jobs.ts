// Housekeeping: expired sessions are deleted every 15 minutes (once across all instances).
import { z } from 'zod';
import { defineJob } from '#server/jobs/queue';
import { recordAudit } from '#server/audit/audit.service';
import { purgeExpiredSessions } from './sessions.service';

export const purgeExpiredSessionsJob = defineJob({
  name: 'sessions.purge-expired',
  payload: z.object({}).passthrough(),
  every: { ms: 15 * 60_000 },
  async run(ctx) {
    await ctx.db.transaction(async (tx) => {
      const purged = await purgeExpiredSessions(tx, ctx.clock.now());
      if (purged > 0) await recordAudit(tx, ctx, { action: 'session.purge-expired', entity: ['session', null], summary: { purged } });
    });
  },
});
