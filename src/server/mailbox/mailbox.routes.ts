// The team's mailbox over HTTP: messages received, what became of each, and processing a quarantined one again.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AttachmentStore } from '#server/storage/storage';
import { getMessage, listMailbox, reprocessMessage } from './mailbox.service';
import { MailboxPage, MailboxQuery, MailMessage } from '#shared/mailbox/mailbox.schemas';
import { IdParams } from '#shared/users/users.schemas';

export interface MailboxRouteOptions {
  storage: AttachmentStore;
  teamKeyPassphrase: string;
  publicUrl: string | undefined;
}

const tags = ['mailbox'];

export const mailboxRoutes: FastifyPluginAsyncZod<MailboxRouteOptions> = async (app, opts) => {
  app.get(
    '/api/mailbox',
    {
      schema: {
        tags,
        summary: 'Messages received, newest first (filter by status, unthreaded, report)',
        querystring: MailboxQuery,
        response: { 200: MailboxPage },
      },
      config: { access: 'mailbox:read' },
    },
    (req) => listMailbox(req.ctx, req.query),
  );
  app.get(
    '/api/mailbox/:id',
    {
      schema: {
        tags,
        summary: 'One message: its headers, readable text, encryption, signature and outcome',
        params: IdParams,
        response: { 200: MailMessage },
      },
      config: { access: 'mailbox:read' },
    },
    (req) => getMessage(req.ctx, req.params.id),
  );
  app.post(
    '/api/mailbox/:id/reprocess',
    {
      schema: {
        tags,
        summary: 'Process a quarantined message again (after its key was imported, say)',
        params: IdParams,
        response: { 200: MailMessage },
      },
      config: { access: 'mailbox:manage' },
    },
    (req) =>
      reprocessMessage(
        req.ctx,
        {
          storage: opts.storage,
          teamKeyPassphrase: opts.teamKeyPassphrase,
          publicBase: (opts.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, ''),
        },
        req.params.id,
      ),
  );
};
