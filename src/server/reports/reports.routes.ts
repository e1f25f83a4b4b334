// HTTP routes of reports: the public form and tracking link, portal/API submission, attachments (multipart,
// scoped to the two upload routes), the team's queue, edits, acknowledgement, clock pauses and downloads.
import { sendCachedJson } from '#server/http/read-cache';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type {} from '@fastify/rate-limit';
import { z } from 'zod';
import { AppError } from '#server/http/errors';
import type { AttachmentStore } from '#server/storage/storage';
import { contentDisposition } from './attachment-files';
import { addAttachments, submitPublicReport, submitReport } from './submit-report';
import * as service from './reports.service';
import { readMultipartFiles, readMultipartReport, MULTIPART_BODY_BYTES, multipartLimits, parseJsonBody } from './multipart';
import { IdParams } from '#shared/users/users.schemas';
import { ClockParams, ClockPause, SlaClock } from '#shared/sla/sla.schemas';
import {
  Attachment,
  PublicReportStatus,
  PublicReportSubmission,
  Report,
  ReportList,
  ReportQuery,
  ReportReceipt,
  ReportSubmission,
  ReportUpdate,
} from '#shared/reports/reports.schemas';

export interface ReportsRouteOptions {
  storage: AttachmentStore;
  /** TOCSIN_PUBLIC_URL, or undefined to use the address the request came to. */
  publicUrl: string | undefined;
  /** Public submissions allowed per address and minute; a burst guard allows about half of them per 10 seconds. */
  publicRateLimit: number;
  /** What reports need to know of incidents (which sit above them), built by the entry. */
  incidents: service.IncidentLookups;
}

const tags = ['reports'];
/** JSON bodies of reports: evidence (500,000 characters) may take 3 bytes a character, more when escaped. */
const JSON_BODY_BYTES = 4 * 1024 * 1024;
const TrackParams = z.object({ token: z.string() }).strict();
const AttachmentList = z.object({ items: z.array(Attachment) });

function publicBase(req: FastifyRequest, configured: string | undefined): string {
  return (configured ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

export const reportsRoutes: FastifyPluginAsyncZod<ReportsRouteOptions> = async (app, opts) => {
  const { storage } = opts;
  const perMinute = app.createRateLimit({ max: opts.publicRateLimit, timeWindow: 60_000 });
  const burst = app.createRateLimit({ max: Math.max(2, Math.ceil(opts.publicRateLimit / 2)), timeWindow: 10_000 });
  // Why: the public form needs no account, so the address is all there is to slow a flood; checked before
  // the body is read, so a refused request costs no disk or parsing.
  async function limitPublicSubmissions(req: FastifyRequest) {
    for (const limiter of [burst, perMinute]) {
      const r = await limiter(req);
      if (!r.isAllowed && r.isExceeded) {
        throw new AppError('rate-limited', {
          detail: `Too many reports from your address; try again in ${r.ttlInSeconds} s`,
          headers: { 'retry-after': String(r.ttlInSeconds) },
        });
      }
    }
  }
  async function limitMultipartBody(req: FastifyRequest) {
    const length = Number(req.headers['content-length'] ?? 0);
    if (req.headers['content-type']?.startsWith('multipart/') && length > MULTIPART_BODY_BYTES) {
      throw new AppError('payload-too-large', {
        detail: `The body exceeds ${MULTIPART_BODY_BYTES} bytes`,
        fields: [{ path: 'body', message: 'Too large', code: 'too_large' }],
      });
    }
  }

  // The two upload routes live in their own scope: only they parse multipart/form-data; every other
  // JSON route of the API keeps answering 415 to it.
  await app.register(async (scope) => {
    const mp = scope.withTypeProvider<ZodTypeProvider>();
    await mp.register(fastifyMultipart, { limits: multipartLimits, throwFileSizeLimit: false });
    // Why: a refused upload (too large, spam, invalid) leaves the rest of its body unread, and the client
    // keeps the connection busy sending it; once our answer is out, close it instead of waiting for a timeout.
    mp.addHook('onResponse', async (req) => {
      if (!req.raw.complete) req.raw.destroy();
    });

    mp.post(
      '/api/public/reports',
      {
        schema: {
          tags,
          summary: 'Report an incident without an account',
          description:
            'JSON (PublicReportSubmission), or multipart/form-data with the JSON in the first field `report` followed by up to 10 files `attachments` of at most 10 MB each. Returns the tracking link once. `website` must stay empty.',
          response: { 201: ReportReceipt },
        },
        // Why no CSRF: the submission is anonymous and takes no authority from a session cookie.
        config: { access: 'public', csrf: false },
        bodyLimit: JSON_BODY_BYTES,
        onRequest: [limitPublicSubmissions, limitMultipartBody],
      },
      async (req, reply) => {
        const { input, files } = req.isMultipart()
          ? await readMultipartReport(req, PublicReportSubmission)
          : { input: parseJsonBody(PublicReportSubmission, req.body), files: [] };
        const receipt = await submitPublicReport(req.ctx, input, files, {
          storage,
          publicBase: publicBase(req, opts.publicUrl),
          ip: req.ip,
        });
        return reply.code(201).send(receipt);
      },
    );

    mp.post(
      '/api/reports/:id/attachments',
      {
        schema: {
          tags,
          summary: 'Add files (multipart/form-data, field `attachments`) to a report the caller can see',
          params: IdParams,
          response: { 201: AttachmentList },
        },
        config: { access: 'reports:submit' },
        onRequest: [limitMultipartBody],
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('unsupported-media-type', { detail: 'Send the files as multipart/form-data' });
        return reply.code(201).send(await addAttachments(req.ctx, req.params.id, readMultipartFiles(req), storage));
      },
    );
  });

  app.get(
    '/api/public/reports/track/:token',
    {
      schema: {
        tags,
        summary: 'What the reporter’s tracking link shows: the public status only',
        params: TrackParams,
        response: { 200: PublicReportStatus },
      },
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    (req) => service.getPublicStatus(req.ctx, req.params.token, opts.incidents),
  );

  app.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Report through the portal (constituent: about its own organisation) or the API',
        body: ReportSubmission,
        response: { 201: ReportReceipt },
      },
      config: { access: 'reports:submit' },
      bodyLimit: JSON_BODY_BYTES,
    },
    async (req, reply) =>
      reply.code(201).send(await submitReport(req.ctx, req.body, { storage, publicBase: publicBase(req, opts.publicUrl) })),
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'The report queue visible to the caller: urgent first, then by the earliest due clock, then oldest',
        description:
          'Paged by cursor: pass `nextCursor` of a page as `cursor` for the next one (null on the last page). ' +
          '`total` is exact up to 1,000 matching reports; beyond, it is 1,000 with `totalCapped: true`. ' +
          'A cursor this list did not give answers 400 naming `querystring.cursor`.',
        querystring: ReportQuery,
        response: { 200: ReportList },
      },
      config: { access: 'reports:read' },
    },
    (req, reply) =>
      sendCachedJson(req, reply, { tables: service.REPORT_LIST_TABLES, validUntil: service.reportListValidUntil }, () =>
        service.listReports(req.ctx, req.query),
      ),
  );

  app.get(
    '/api/reports/:id',
    {
      schema: { tags, summary: 'One report with its observables, attachments and clocks', params: IdParams, response: { 200: Report } },
      config: { access: 'reports:read' },
    },
    (req) => service.getReport(req.ctx, req.params.id),
  );

  app.patch(
    '/api/reports/:id',
    {
      schema: {
        tags,
        summary: 'Change owner, TLP/PAP, organisation, named users or urgency',
        params: IdParams,
        body: ReportUpdate,
        response: { 200: Report },
      },
      config: { access: 'reports:triage' },
    },
    (req) => service.updateReport(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/reports/:id/acknowledge',
    {
      schema: { tags, summary: 'Acknowledge a report (meets its acknowledgement clock)', params: IdParams, response: { 200: Report } },
      config: { access: 'reports:triage' },
    },
    (req) => service.acknowledgeReport(req.ctx, req.params.id),
  );

  app.post(
    '/api/reports/:id/clocks/:target/pause',
    {
      schema: {
        tags,
        summary: 'Pause a clock while waiting on someone else (with the reason)',
        params: ClockParams,
        body: ClockPause,
        response: { 200: SlaClock },
      },
      config: { access: 'reports:triage' },
    },
    (req) => service.pauseReportClock(req.ctx, req.params.id, req.params.target, req.body.reason),
  );

  app.post(
    '/api/reports/:id/clocks/:target/resume',
    {
      schema: { tags, summary: 'Resume a paused clock', params: ClockParams, response: { 200: SlaClock } },
      config: { access: 'reports:triage' },
    },
    (req) => service.resumeReportClock(req.ctx, req.params.id, req.params.target),
  );

  app.get(
    '/api/attachments/:id/download',
    {
      schema: { tags, summary: 'Download an attachment (always as a file, never shown inline)', params: IdParams },
      config: { access: 'reports:read' },
      // Runs after the app-wide onSend hook, which sets the page CSP: a file gets the strictest one.
      onSend: async (_req, reply) => {
        if (reply.statusCode === 200) void reply.header('content-security-policy', 'sandbox');
      },
    },
    async (req, reply) => {
      const file = await service.downloadAttachment(req.ctx, req.params.id, storage, opts.incidents);
      // Why: uploads are hostile; octet-stream + attachment + nosniff + a sandbox CSP keep a browser from
      // rendering or running them (an HTML or SVG "report" would otherwise run script on our origin).
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(file.filename))
        .header('content-length', String(file.size))
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );
};
