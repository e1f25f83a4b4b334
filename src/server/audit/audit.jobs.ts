// The sealer: every 30 seconds, seals the audit events committed since the last run into the keyed chain and
// appends a signed checkpoint of the head if it moved since the last one. One at a time across instances: the sealing takes an advisory lock (audit.repo.ts).
import { z } from 'zod';
import { defineJob } from '#server/jobs/queue';
import { checkpointHead, sealAuditTrail } from './audit.service';
import { auditTrailOf } from './audit.trail';

/** A backstop: the server also seals shortly after each write (audit.service.ts). */
export const SEAL_EVERY_MS = 30_000;

export const sealAuditJob = defineJob({
  name: 'audit.seal',
  payload: z.object({}).passthrough(),
  every: { ms: SEAL_EVERY_MS },
  async run(ctx) {
    const trail = auditTrailOf(ctx.db);
    if (!trail) {
      ctx.log.warn('audit events cannot be sealed: no audit key is attached to this database');
      return;
    }
    const sealed = await sealAuditTrail(ctx.db, trail, { clock: ctx.clock });
    await checkpointHead(ctx.db, trail, ctx.clock);
    if (sealed) ctx.log.debug({ sealed }, 'audit events sealed');
  },
});
