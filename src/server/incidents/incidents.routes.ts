// HTTP routes of triage and incidents: triage a report, list/read/create/update/rescore incidents, and
// pause or resume an incident's SLA clock.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as incidents from './incidents.service';
import { rescoreIncident } from './rescore';
import { triageReport } from './triage';
import { sendCachedJson } from '#server/http/read-cache';
import { IdParams } from '#shared/users/users.schemas';
import {
  Incident,
  IncidentInput,
  IncidentList,
  IncidentQuery,
  IncidentUpdate,
  Rescore,
  TriageDecision,
} from '#shared/incidents/incidents.schemas';
import { TriageDecisionKind } from '#shared/reports/reports.schemas';
import { ClockParams, ClockPause, SlaClock } from '#shared/sla/sla.schemas';

const tags = ['incidents'];
const TriageResult = z.object({ incident: Incident.nullable(), reportId: z.uuid(), decision: TriageDecisionKind });

export const incidentsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/reports/:id/triage',
    {
      schema: {
        tags: ['reports', ...tags],
        summary:
          'Triage a report: not an incident, out of constituency, duplicate of an incident, or an incident (new, with defaults from the report, or existing)',
        params: IdParams,
        body: TriageDecision,
        response: { 200: TriageResult },
      },
      config: { access: 'reports:triage' },
    },
    (req) => triageReport(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/api/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents visible to the caller, most urgent first (priority, then due time, then newest)',
        description:
          'Paged by cursor: pass `nextCursor` of a page as `cursor` for the next one (null on the last page). ' +
          '`total` is exact up to 1,000 matching incidents; beyond, it is 1,000 with `totalCapped: true`. ' +
          'A cursor this list did not give answers 400 naming `querystring.cursor`.',
        querystring: IncidentQuery,
        response: { 200: IncidentList },
      },
      config: { access: 'incidents:read' },
    },
    (req, reply) =>
      sendCachedJson(req, reply, { tables: incidents.INCIDENT_LIST_TABLES }, () => incidents.listIncidents(req.ctx, req.query)),
  );

  app.post(
    '/api/incidents',
    {
      schema: {
        tags,
        summary: 'Open an incident directly (scored from impact, extent and the constituent)',
        body: IncidentInput,
        response: { 201: Incident },
      },
      config: { access: 'incidents:update' },
    },
    async (req, reply) => reply.code(201).send(await incidents.createIncident(req.ctx, req.body)),
  );

  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        summary: 'One incident with its score history, linked reports, clocks and observables',
        params: IdParams,
        response: { 200: Incident },
      },
      config: { access: 'incidents:read' },
    },
    (req) => incidents.getIncident(req.ctx, req.params.id),
  );

  app.patch(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Change status, owner, TLP/PAP, organisation, named users or category',
        params: IdParams,
        body: IncidentUpdate,
        response: { 200: Incident },
      },
      config: { access: 'incidents:update' },
    },
    (req) => incidents.updateIncident(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/incidents/:id/rescore',
    {
      schema: {
        tags,
        summary: 'Score again with a reason (kept in the history); an unmet first-action clock restarts for a new priority',
        params: IdParams,
        body: Rescore,
        response: { 200: Incident },
      },
      config: { access: 'incidents:update' },
    },
    (req) => rescoreIncident(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/incidents/:id/clocks/:target/pause',
    {
      schema: {
        tags,
        summary: 'Pause a clock while waiting on someone else (the reason is kept)',
        params: ClockParams,
        body: ClockPause,
        response: { 200: SlaClock },
      },
      config: { access: 'incidents:update' },
    },
    (req) => incidents.pauseIncidentClock(req.ctx, req.params.id, req.params.target, req.body.reason),
  );

  app.post(
    '/api/incidents/:id/clocks/:target/resume',
    {
      schema: {
        tags,
        summary: 'Resume a paused clock; the due time is recomputed from what remains',
        params: ClockParams,
        response: { 200: SlaClock },
      },
      config: { access: 'incidents:update' },
    },
    (req) => incidents.resumeIncidentClock(req.ctx, req.params.id, req.params.target),
  );
};
