// HTTP routes of notifications: the caller's own list and acknowledgement (pages stop escalating once acknowledged).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as service from './notifications.service';
import { IdParams } from '#shared/users/users.schemas';
import { Notification, NotificationList, NotificationQuery } from '#shared/duty/duty.schemas';

const tags = ['notifications'];

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, unacknowledged first',
        querystring: NotificationQuery,
        response: { 200: NotificationList },
      },
      config: { access: 'authenticated' },
    },
    (req) => service.listMyNotifications(req.ctx, req.query),
  );

  app.post(
    '/api/notifications/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge one of my notifications (a page then no longer escalates)',
        params: IdParams,
        response: { 200: Notification },
      },
      config: { access: 'authenticated' },
    },
    (req) => service.acknowledgeNotification(req.ctx, req.params.id),
  );
};
