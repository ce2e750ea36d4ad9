import cookie from '@fastify/cookie';
import {
  ZAcceptedResponseSchema,
  ZAuthResponseSchema,
  ZEmptyBodySchema,
  ZForgotPasswordRequestSchema,
  ZLoginRequestSchema,
  ZResetPasswordRequestSchema,
  ZSignupRequestSchema,
  ZSignupResponseSchema,
  ZTokenRequestSchema,
} from '@mercato/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/app-error.js';
import { assertSameOrigin } from '../../plugins/auth.js';
import { clearRefreshCookie, clientInfo, readRefreshCookie, setRefreshCookie } from './cookie.js';
import { createAuthDeps, type IssuedSession } from './deps.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { forgotPassword, resetPassword } from './passwords-flow.js';
import { refresh } from './refresh.js';
import { signup } from './signup.js';
import { verifyEmail } from './verify-email.js';

const tags = ['auth'];

/** Public auth endpoints: signup, email confirmation, login, token refresh, logout, password reset. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  // The refresh cookie is read and written here and by account erasure only: parsing and serialising cookies stays
  // off every other request (the cached catalog and cart reads pay no cookie hooks).
  await app.register(cookie);
  const deps = createAuthDeps(app);
  const sendSession = (reply: FastifyReply, issued: IssuedSession) => {
    setRefreshCookie(reply, app.config, issued.refreshToken);
    void reply.header('cache-control', 'no-store');
    return {
      accessToken: issued.accessToken,
      tokenType: 'Bearer' as const,
      expiresIn: issued.expiresIn,
      user: issued.user,
    };
  };

  app.post(
    '/api/auth/signup',
    {
      schema: {
        tags,
        summary: 'Create an account (a confirmation email follows)',
        body: ZSignupRequestSchema,
        response: { 202: ZSignupResponseSchema },
      },
    },
    async (request, reply) => {
      await signup(deps, request.body, clientInfo(request));
      return reply.status(202).send({ status: 'verification_sent', email: request.body.email });
    },
  );

  app.post(
    '/api/auth/verify-email',
    {
      schema: {
        tags,
        summary: 'Confirm the email address and sign in',
        body: ZTokenRequestSchema,
        response: { 200: ZAuthResponseSchema },
      },
    },
    async (request, reply) => sendSession(reply, await verifyEmail(deps, request.body.token, clientInfo(request))),
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: ZLoginRequestSchema,
        response: { 200: ZAuthResponseSchema },
      },
    },
    async (request, reply) => sendSession(reply, await login(deps, request.body, clientInfo(request))),
  );

  app.post(
    '/api/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Rotate the refresh cookie and get a new access token',
        body: ZEmptyBodySchema,
        response: { 200: ZAuthResponseSchema },
      },
    },
    async (request, reply) => {
      assertSameOrigin(request, app.config.PUBLIC_URL);
      try {
        return sendSession(reply, await refresh(deps, readRefreshCookie(request), clientInfo(request)));
      } catch (error) {
        if (error instanceof AppError && error.status === 401) clearRefreshCookie(reply, app.config);
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'End the current session', body: ZEmptyBodySchema } },
    async (request, reply) => {
      assertSameOrigin(request, app.config.PUBLIC_URL);
      const auth = await app.optionalAuth(request);
      await logout(deps, readRefreshCookie(request), auth);
      clearRefreshCookie(reply, app.config);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/password/forgot',
    {
      schema: {
        tags,
        summary: 'Email a password reset link',
        body: ZForgotPasswordRequestSchema,
        response: { 202: ZAcceptedResponseSchema },
      },
    },
    async (request, reply) => {
      await forgotPassword(deps, request.body.email, clientInfo(request));
      return reply.status(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/api/auth/password/reset',
    { schema: { tags, summary: 'Set a new password with a reset link token', body: ZResetPasswordRequestSchema } },
    async (request, reply) => {
      await resetPassword(deps, request.body.token, request.body.password);
      return reply.status(204).send();
    },
  );
};
