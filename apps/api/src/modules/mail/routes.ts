import {
  pageInfo,
  ZIdParamsSchema,
  ZOutboxListResponseSchema,
  ZOutboxMessageSchema,
  ZOutboxQuerySchema,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ObjectId } from 'mongodb';
import { notFound } from '../../lib/app-error.js';
import { createMailRepo, type MailMessageView } from './repo.js';

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

function toSummary(message: MailMessageView) {
  return {
    id: message._id.toHexString(),
    to: message.to,
    subject: message.subject,
    tag: message.tag,
    status: message.status,
    createdAt: message.createdAt.toISOString(),
  };
}

/** The development outbox (and, with SMTP, the delivery log), for admins. */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const repo = createMailRepo(app.mongo.db, app.personalData);

  app.get(
    '/api/admin/outbox',
    {
      schema: {
        tags,
        security,
        summary: 'Emails the shop has sent',
        querystring: ZOutboxQuerySchema,
        response: { 200: ZOutboxListResponseSchema },
      },
    },
    async (request) => {
      const { page, pageSize, to, tag } = request.query;
      const { items, total } = await repo.list({ to, tag }, page, pageSize);
      return { items: items.map(toSummary), pageInfo: pageInfo(page, pageSize, total) };
    },
  );

  app.get(
    '/api/admin/outbox/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One email with its content',
        params: ZIdParamsSchema,
        response: { 200: ZOutboxMessageSchema },
      },
    },
    async (request) => {
      const message = await repo.findById(new ObjectId(request.params.id));
      if (!message) throw notFound('Message');
      return { ...toSummary(message), text: message.text, html: message.html };
    },
  );
};
