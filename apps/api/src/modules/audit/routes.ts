import { pageInfo, ZAuditListResponseSchema, ZAuditQuerySchema } from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ensureIndexes } from '../../lib/mongo-indexes.js';
import { auditIndexes, createAuditLog } from './repo.js';

/** Admins read the audit log, newest first, optionally for one entity. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  await ensureIndexes(app.mongo.db, [auditIndexes]);
  const audit = createAuditLog(app.mongo.db);
  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        summary: 'Audit log of admin changes',
        querystring: ZAuditQuerySchema,
        response: { 200: ZAuditListResponseSchema },
      },
    },
    async (request) => {
      const { page, pageSize, entityType, entityId } = request.query;
      const { items, total } = await audit.list({ entityType, entityId }, page, pageSize);
      return {
        items: items.map((entry) => ({
          id: entry._id.toHexString(),
          actor: entry.actor,
          action: entry.action,
          entity: entry.entity,
          before: entry.before,
          after: entry.after,
          at: entry.at.toISOString(),
        })),
        pageInfo: pageInfo(page, pageSize, total),
      };
    },
  );
};
