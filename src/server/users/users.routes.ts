// HTTP routes for managing accounts (admins) and listing them (leads).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as users from './users.service';
import {
  IdParams,
  PasswordReset,
  PasswordResetDone,
  User,
  UserCreate,
  UserCreated,
  UserList,
  UserUpdate,
} from '#shared/users/users.schemas';

const tags = ['users'];

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    {
      schema: { tags, summary: 'List accounts', response: { 200: UserList } },
      config: { access: 'users:read' },
    },
    (req) => users.listUsers(req.ctx),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Create an account (a password is generated when none is given)',
        body: UserCreate,
        response: { 201: UserCreated },
      },
      config: { access: 'users:manage' },
    },
    async (req, reply) => {
      const created = await users.createUser(req.ctx, req.body);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/users/:id',
    {
      schema: { tags, summary: 'One account', params: IdParams, response: { 200: User } },
      config: { access: 'users:read' },
    },
    (req) => users.getUser(req.ctx, req.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Change name, role, language or disable an account',
        params: IdParams,
        body: UserUpdate,
        response: { 200: User },
      },
      config: { access: 'users:manage' },
    },
    (req) => users.updateUser(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a new password (generated when none is given) and sign the account out',
        params: IdParams,
        body: PasswordReset,
        response: { 200: PasswordResetDone },
      },
      config: { access: 'users:manage' },
    },
    (req) => users.resetPassword(req.ctx, req.params.id, req.body),
  );

  app.delete(
    '/api/users/:id/totp',
    {
      schema: { tags, summary: 'Remove an account’s second factor (lost device)', params: IdParams, response: { 200: User } },
      config: { access: 'users:manage' },
    },
    (req) => users.resetTotp(req.ctx, req.params.id),
  );
};
