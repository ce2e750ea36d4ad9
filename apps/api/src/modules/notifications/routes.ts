import { ZMarkNotificationsReadSchema, ZNotificationListResponseSchema } from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ObjectId } from 'mongodb';
import { ensureIndexes } from '../../lib/mongo-indexes.js';
import type { RequestAuth } from '../../plugins/auth.js';
import { createNotificationsRepo, notificationIndexes } from './repo.js';

/** In-app notifications of the signed-in user, with the unread count for the header badge. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  await ensureIndexes(app.mongo.db, [notificationIndexes]);
  const repo = createNotificationsRepo(app.mongo.db);
  app.addHook('onRequest', app.authenticate);
  const user = (request: { auth: RequestAuth | null }) => new ObjectId((request.auth as RequestAuth).userId);
  const tags = ['orders'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        security,
        summary: 'Notifications, newest first',
        response: { 200: ZNotificationListResponseSchema },
      },
    },
    async (request) => {
      const { items, unreadCount } = await repo.list(user(request));
      return {
        unreadCount,
        items: items.map((item) => ({
          id: item._id.toHexString(),
          type: item.type,
          title: item.title,
          body: item.body,
          link: item.link,
          createdAt: item.createdAt.toISOString(),
          readAt: item.readAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/notifications/read',
    {
      schema: { tags, security, summary: 'Mark some (or all) notifications read', body: ZMarkNotificationsReadSchema },
    },
    async (request, reply) => {
      await repo.markRead(
        user(request),
        request.body.ids?.map((id) => new ObjectId(id)),
      );
      return reply.status(204).send();
    },
  );
};
