// HTTP routes of the duty rota: who is on duty now with the shifts ahead, planning shifts, and repeating
// rotas (create, change, remove) with their exceptions (add, remove).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as duty from './duty.service';
import * as rotas from './rotas';
import { IdParams } from '#shared/users/users.schemas';
import {
  DutyCalendar,
  DutyCalendarQuery,
  DutyRota,
  DutyRotaException,
  DutyRotaExceptionInput,
  DutyRotaExceptionParams,
  DutyRotaInput,
  DutyRotaUpdate,
  DutyShift,
  DutyShiftInput,
  DutyState,
} from '#shared/duty/duty.schemas';

const tags = ['duty'];

export const dutyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/duty',
    {
      schema: {
        tags,
        summary: 'Who is on duty now (with the fallback used when no shift covers now), the backup, and the shifts of the next 14 days',
        response: { 200: DutyState },
      },
      config: { access: 'duty:read' },
    },
    (req) => duty.getDuty(req.ctx),
  );

  app.post(
    '/api/duty/shifts',
    {
      schema: { tags, summary: 'Plan a shift (primary shifts may not overlap)', body: DutyShiftInput, response: { 201: DutyShift } },
      config: { access: 'duty:manage' },
    },
    async (req, reply) => reply.code(201).send(await duty.createShift(req.ctx, req.body)),
  );

  app.delete(
    '/api/duty/shifts/:id',
    {
      schema: { tags, summary: 'Remove a shift', params: IdParams, response: { 204: z.null() } },
      config: { access: 'duty:manage' },
    },
    async (req, reply) => {
      await duty.deleteShift(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/duty/calendar',
    {
      schema: {
        tags,
        summary:
          'The coming weeks: one-off shifts and rota occurrences (a shift overrides rota occurrences of its role), the rotas and their exceptions',
        querystring: DutyCalendarQuery,
        response: { 200: DutyCalendar },
      },
      config: { access: 'duty:read' },
    },
    (req) => rotas.getDutyCalendar(req.ctx, req.query),
  );

  app.post(
    '/api/duty/rotas',
    {
      schema: {
        tags,
        summary: 'Create a repeating rota: weekly slots in the team time zone, valid from a date (primary slots may not overlap)',
        body: DutyRotaInput,
        response: { 201: DutyRota },
      },
      config: { access: 'duty:manage' },
    },
    async (req, reply) => reply.code(201).send(await rotas.createRota(req.ctx, req.body)),
  );

  app.patch(
    '/api/duty/rotas/:id',
    {
      schema: {
        tags,
        summary: 'Change a rota: name, validity, note, or its whole week of slots (slots named by id keep their exceptions)',
        params: IdParams,
        body: DutyRotaUpdate,
        response: { 200: DutyRota },
      },
      config: { access: 'duty:manage' },
    },
    (req) => rotas.updateRota(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/api/duty/rotas/:id',
    {
      schema: { tags, summary: 'Remove a rota with its slots and exceptions', params: IdParams, response: { 204: z.null() } },
      config: { access: 'duty:manage' },
    },
    async (req, reply) => {
      await rotas.deleteRota(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/duty/rotas/:id/exceptions',
    {
      schema: {
        tags,
        summary: 'Give one occurrence of a rota slot to someone else, or cancel it (userId null)',
        params: IdParams,
        body: DutyRotaExceptionInput,
        response: { 201: DutyRotaException },
      },
      config: { access: 'duty:manage' },
    },
    async (req, reply) => reply.code(201).send(await rotas.addRotaException(req.ctx, req.params.id, req.body)),
  );

  app.delete(
    '/api/duty/rotas/:id/exceptions/:exceptionId',
    {
      schema: {
        tags,
        summary: "Remove an exception: the occurrence goes back to the slot's person",
        params: DutyRotaExceptionParams,
        response: { 204: z.null() },
      },
      config: { access: 'duty:manage' },
    },
    async (req, reply) => {
      await rotas.deleteRotaException(req.ctx, req.params.id, req.params.exceptionId);
      return reply.code(204).send(null);
    },
  );
};
