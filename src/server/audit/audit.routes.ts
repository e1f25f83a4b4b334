// HTTP routes to browse the audit trail and check its chain.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAuditEvents, verifyAuditChain } from './audit.service';
import { AuditPage, AuditQuery, AuditVerification } from '#shared/audit/audit.schemas';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: { tags, summary: 'Audit events, newest first, with filters', querystring: AuditQuery, response: { 200: AuditPage } },
      config: { access: 'audit:read' },
    },
    (req) => listAuditEvents(req.ctx, req.query),
  );

  app.get(
    '/api/audit/verify',
    {
      schema: { tags, summary: 'Recompute the hash chain and report the first broken link', response: { 200: AuditVerification } },
      config: { access: 'audit:read' },
    },
    (req) => verifyAuditChain(req.ctx.db),
  );
};
