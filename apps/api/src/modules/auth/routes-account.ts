import {
  ZChangePasswordRequestSchema,
  ZIdParamsSchema,
  ZSessionListResponseSchema,
  ZUpdateProfileRequestSchema,
  ZUserSchema,
  type TUser,
} from '@mercato/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JSON_TYPE } from '../../lib/cached-response.js';
import type { RequestAuth } from '../../plugins/auth.js';
import { createAuthDeps } from './deps.js';
import { changePassword } from './passwords-flow.js';
import {
  getCurrentUserJson,
  heldCurrentUserJson,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  updateProfile,
} from './sessions.js';

const tags = ['auth'];
const serializeUser = (user: TUser) => JSON.stringify(ZUserSchema.parse(user));
const security = [{ bearerAuth: [] }];

/** Endpoints for the signed-in user: profile, password change, sessions (devices). */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = createAuthDeps(app);
  app.addHook('onRequest', app.authenticate);
  const auth = (request: { auth: RequestAuth | null }): RequestAuth => request.auth as RequestAuth;

  // JSON already (checked against the contract when it was made): it goes out without serialising again.
  const meJson = (signedIn: RequestAuth) => getCurrentUserJson(deps, signedIn, serializeUser);
  // Asked on every page load of a signed-in shopper: answered before Fastify routes it (lib/hot-reads.ts).
  app.hotReads.answerSignedIn('/api/auth/me', {
    load: meJson,
    held: (signedIn) => heldCurrentUserJson(deps, signedIn),
  });
  app.get(
    '/api/auth/me',
    { schema: { tags, security, summary: 'The signed-in user', response: { 200: ZUserSchema } } },
    async (request, reply) => (reply as FastifyReply).type(JSON_TYPE).send(await meJson(auth(request))),
  );

  app.patch(
    '/api/auth/me',
    {
      schema: {
        tags,
        security,
        summary: 'Update the profile',
        body: ZUpdateProfileRequestSchema,
        response: { 200: ZUserSchema },
      },
    },
    async (request) => updateProfile(deps, auth(request), request.body.name),
  );

  app.post(
    '/api/auth/password/change',
    {
      schema: {
        tags,
        security,
        summary: 'Change the password; signs out other sessions',
        body: ZChangePasswordRequestSchema,
      },
    },
    async (request, reply) => {
      await changePassword(deps, auth(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/sessions',
    { schema: { tags, security, summary: 'Active sessions (devices)', response: { 200: ZSessionListResponseSchema } } },
    async (request) => ({ items: await listSessions(deps, auth(request)) }),
  );

  app.delete(
    '/api/auth/sessions',
    {
      schema: {
        tags,
        security,
        summary: 'Sign out every other device',
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) => ({ revoked: await revokeOtherSessions(deps, auth(request)) }),
  );

  app.delete(
    '/api/auth/sessions/:id',
    { schema: { tags, security, summary: 'Sign out one session', params: ZIdParamsSchema } },
    async (request, reply) => {
      await revokeSession(deps, auth(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
