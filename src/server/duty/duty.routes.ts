// HTTP routes of the duty rota: who is on duty now with the shifts ahead, and planning shifts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as duty from './duty.service';
import { IdParams } from '#shared/users/users.schemas';
import { DutyShift, DutyShiftInput, DutyState } from '#shared/duty/duty.schemas';

const tags = ['duty'];

export const dutyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/duty', {
    schema: { tags, summary: 'Who is on duty now (with the fallback used when no shift covers now), the backup, and the shifts of the next 14 days', response: { 200: DutyState } },
    config: { access: 'duty:read' },
  }, (req) => duty.getDuty(req.ctx));

  app.post('/api/duty/shifts', {
    schema: { tags, summary: 'Plan a shift (primary shifts may not overlap)', body: DutyShiftInput, response: { 201: DutyShift } },
    config: { access: 'duty:manage' },
  }, async (req, reply) => reply.code(201).send(await duty.createShift(req.ctx, req.body)));

  app.delete('/api/duty/shifts/:id', {
    schema: { tags, summary: 'Remove a shift', params: IdParams, response: { 204: z.null() } },
    config: { access: 'duty:manage' },
  }, async (req, reply) => {
    await duty.deleteShift(req.ctx, req.params.id);
    return reply.code(204).send(null);
  });
};
