// HTTP route of the home page: what needs the signed-in user now.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getHome } from './home.service';
import { HomeState } from '#shared/home/home.schemas';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/home', {
    schema: { tags: ['home'], summary: 'What needs the signed-in user now: reports waiting for triage, their open incidents, who is on duty, and the first-use checklist (admins and leads)', response: { 200: HomeState } },
    config: { access: 'authenticated' },
  }, (req) => getHome(req.ctx));
};
