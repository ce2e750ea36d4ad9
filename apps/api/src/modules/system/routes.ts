import {
  SHIPPING_COUNTRIES,
  ZHealthResponseSchema,
  ZProblemSchema,
  ZReadyResponseSchema,
  ZStoreInfoSchema,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendProblem } from '../../plugins/error-handler.js';
import { checkDependencies } from './service.js';

/** Liveness (the process answers) and readiness (MongoDB and Redis answer): what load balancers probe. */
export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Liveness probe', response: { 200: ZHealthResponseSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/store',
    {
      schema: {
        tags: ['system'],
        summary: 'Public shop settings (name, currency, shipping)',
        response: { 200: ZStoreInfoSchema },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return {
        name: app.config.STORE_NAME,
        currency: app.config.STORE_CURRENCY,
        shippingFlatRate: app.config.SHIPPING_FLAT_RATE,
        freeShippingThreshold: app.config.FREE_SHIPPING_THRESHOLD,
        shippingCountries: [...SHIPPING_COUNTRIES],
        isPaymentSandbox: app.config.stripeApi !== undefined,
      };
    },
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness probe: 200 when MongoDB and Redis answer, 503 otherwise',
        response: { 200: ZReadyResponseSchema, 503: ZProblemSchema },
      },
    },
    async (request, reply) => {
      if (app.lifecycle.isDraining)
        return sendProblem(request, reply, 'SERVICE_UNAVAILABLE', 'Not ready: shutting down.', undefined, {
          draining: true,
        });
      const checks = await checkDependencies(app);
      if (checks.mongo === 'up' && checks.redis === 'up') return { status: 'ready' as const, checks };
      const down = Object.entries(checks)
        .filter(([, state]) => state === 'down')
        .map(([name]) => name);
      return sendProblem(
        request,
        reply,
        'SERVICE_UNAVAILABLE',
        `Not ready: ${down.join(', ')} unavailable.`,
        undefined,
        {
          checks,
        },
      );
    },
  );
};
