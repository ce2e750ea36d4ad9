import cookie from '@fastify/cookie';
import {
  ZAccountExportSchema,
  ZAdminEraseUserRequestSchema,
  ZEraseAccountRequestSchema,
  ZEraseResultSchema,
  ZIdParamsSchema,
  ZMarketingConsentRequestSchema,
  ZPrivacySettingsSchema,
  ZReauthenticateRequestSchema,
  ZReauthenticateResponseSchema,
  ZUnsubscribeRequestSchema,
  ZUnsubscribeResponseSchema,
  ZUserSchema,
} from '@mercato/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ObjectId } from 'mongodb';
import { AppError } from '../../lib/app-error.js';
import type { RequestAuth } from '../../plugins/auth.js';
import { actorOf } from '../audit/actor.js';
import { clearRefreshCookie } from '../auth/cookie.js';
import {
  changeMarketingConsent,
  eraseOwnAccount,
  exportOwnData,
  getPrivacySettings,
  reauthenticate,
  unsubscribe,
} from './account.js';
import type { PrivacyDeps } from './deps.js';
import { eraseUser } from './erase.js';

const security = [{ bearerAuth: [] }];
const auth = (request: FastifyRequest): RequestAuth => request.auth as RequestAuth;

/** The signed-in person's privacy rights: see, download and erase their data; choose about marketing email. */
export const accountPrivacyRoutes =
  (deps: PrivacyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['privacy'];
    // Erasure clears the refresh cookie (cookies are registered only where they are used: see auth/routes.ts).
    await app.register(cookie);
    app.addHook('onRequest', app.authenticate);
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
    });

    app.get(
      '/api/account/privacy',
      { schema: { tags, security, summary: 'Privacy settings and rights', response: { 200: ZPrivacySettingsSchema } } },
      async (request) => getPrivacySettings(deps, auth(request)),
    );

    app.post(
      '/api/account/reauthenticate',
      {
        schema: {
          tags,
          security,
          summary: 'Enter the password again (opens a 10-minute window for data export)',
          body: ZReauthenticateRequestSchema,
          response: { 200: ZReauthenticateResponseSchema },
        },
      },
      async (request) => ({
        validUntil: (await reauthenticate(deps, auth(request), request.body.password)).toISOString(),
      }),
    );

    app.get(
      '/api/account/export',
      {
        schema: {
          tags,
          security,
          summary: 'Download everything the shop holds about you (JSON file)',
          response: { 200: ZAccountExportSchema },
        },
      },
      async (request, reply) => {
        const data = await exportOwnData(deps, auth(request));
        const day = data.exportedAt.slice(0, 10);
        void reply.header('content-disposition', `attachment; filename="mercato-data-${day}.json"`);
        return data;
      },
    );

    app.post(
      '/api/account/erase',
      {
        schema: {
          tags,
          security,
          summary: 'Erase your account (orders are kept, anonymised)',
          body: ZEraseAccountRequestSchema,
          response: { 200: ZEraseResultSchema },
        },
      },
      async (request, reply) => {
        const result = await eraseOwnAccount(deps, auth(request), request.body.password);
        clearRefreshCookie(reply, app.config);
        return result;
      },
    );

    app.put(
      '/api/account/marketing',
      {
        schema: {
          tags,
          security,
          summary: 'Choose whether to receive offers by email',
          body: ZMarketingConsentRequestSchema,
          response: { 200: ZUserSchema },
        },
      },
      async (request) => changeMarketingConsent(deps, auth(request), request.body.optedIn),
    );
  };

/** The link in promotional emails: works without signing in (the token is signed). */
export const unsubscribeRoutes =
  (deps: PrivacyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/marketing/unsubscribe',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Stop marketing email (from an emailed link)',
          body: ZUnsubscribeRequestSchema,
          response: { 200: ZUnsubscribeResponseSchema },
        },
      },
      async (request) => {
        await unsubscribe(deps, request.body.token);
        return { status: 'unsubscribed' as const };
      },
    );
  };

/** Staff erasure, on request of the person (e.g. by email to the shop), always with a reason. */
export const adminPrivacyRoutes =
  (deps: PrivacyDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/admin/users/:id/erase',
      {
        schema: {
          tags: ['admin'],
          security,
          summary: 'Erase a user (orders are kept, anonymised); audit-logged with the reason',
          params: ZIdParamsSchema,
          body: ZAdminEraseUserRequestSchema,
          response: { 200: ZEraseResultSchema },
        },
      },
      async (request) => {
        const actor = await actorOf(app, request);
        if (actor.id === request.params.id)
          throw new AppError('FORBIDDEN', 'Erase your own account from your account’s Privacy page.');
        return eraseUser(deps, new ObjectId(request.params.id), {
          actor,
          reason: request.body.reason,
          isSelf: false,
        });
      },
    );
  };
