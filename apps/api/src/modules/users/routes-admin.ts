import {
  ZAdminUserListResponseSchema,
  ZAdminUserPatchSchema,
  ZAdminUserQuerySchema,
  ZAdminUserSchema,
  ZIdParamsSchema,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sessionCacheOf, shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import { actorOf } from '../audit/actor.js';
import { createAuditLog } from '../audit/repo.js';
import { createSessionsRepo } from '../auth/sessions-repo.js';
import { createAdminUsers } from './admin-service.js';
import { createUsersRepo } from './repo.js';

export const adminUserRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = createAdminUsers({
    users: createUsersRepo(app.mongo.db, app.personalData, shopperStateCacheOf(app)),
    sessions: createSessionsRepo(app.mongo.db, app.personalData, sessionCacheOf(app)),
    audit: createAuditLog(app.mongo.db),
  });
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];
  app.get(
    '/api/admin/users',
    {
      schema: {
        tags,
        security,
        summary: 'Users, searchable by email or name',
        querystring: ZAdminUserQuerySchema,
        response: { 200: ZAdminUserListResponseSchema },
      },
    },
    async (request) => admin.list(request.query),
  );
  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a role or disable an account (ends its sessions)',
        params: ZIdParamsSchema,
        body: ZAdminUserPatchSchema,
        response: { 200: ZAdminUserSchema },
      },
    },
    async (request) => admin.update(request.params.id, request.body, await actorOf(app, request)),
  );
};
