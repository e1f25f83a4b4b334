// HTTP routes to browse the audit trail and check its chain.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAuditEvents, verifyAuditChain } from './audit.service';
import { auditTrailOf } from './audit.trail';
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
      schema: {
        tags,
        summary: 'Recompute the keyed hash chain, compare it with its signed checkpoints and report the first problem',
        response: { 200: AuditVerification },
      },
      config: { access: 'audit:read' },
    },
    (req) => {
      const trail = auditTrailOf(req.ctx.db);
      if (!trail) throw new Error('no audit key is attached to this database');
      return verifyAuditChain(req.ctx.db, trail);
    },
  );
};
