// HTTP routes of the home page: what needs the signed-in user now; hiding or showing the first-use checklist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getHome, setChecklistVisibility } from './home.service';
import { ChecklistVisibility, HomeState } from '#shared/home/home.schemas';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/home',
    {
      schema: {
        tags: ['home'],
        summary:
          'What needs the signed-in user now: reports waiting for triage, their open incidents, who is on duty, and the first-use checklist (admins and leads)',
        response: { 200: HomeState },
      },
      config: { access: 'authenticated' },
    },
    (req) => getHome(req.ctx),
  );

  app.put(
    '/api/home/checklist',
    {
      schema: {
        tags: ['home'],
        summary: 'Hide the first-use checklist for the whole team, or show it again (it also goes once every step is done)',
        body: ChecklistVisibility,
        response: { 200: ChecklistVisibility },
      },
      // Why team:edit: the leads and admins who answer for the team's set-up decide whether the team still needs it.
      config: { access: 'team:edit' },
    },
    (req) => setChecklistVisibility(req.ctx, req.body),
  );
};
