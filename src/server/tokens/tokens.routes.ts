// HTTP routes for API tokens (admins only).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as tokens from './tokens.service';
import { ApiToken, ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '#shared/tokens/tokens.schemas';
import { IdParams } from '#shared/users/users.schemas';

const tags = ['tokens'];

export const tokensRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/tokens',
    {
      schema: { tags, summary: 'List API tokens', response: { 200: ApiTokenList } },
      config: { access: 'tokens:manage' },
    },
    (req) => tokens.listTokens(req.ctx),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; its secret is returned once',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated },
      },
      config: { access: 'tokens:manage' },
    },
    async (req, reply) => reply.code(201).send(await tokens.createToken(req.ctx, req.body)),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 200: ApiToken } },
      config: { access: 'tokens:manage' },
    },
    (req) => tokens.revokeToken(req.ctx, req.params.id),
  );
};
