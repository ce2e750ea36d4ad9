import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { ApiError, unrecognizedUrl } from './api/api-error.js';
import { registerApiScope, sendApiError, toApiError } from './api/api-plugin.js';
import { parseForm } from './api/form-parsing.js';
import { registerCheckoutSessionRoutes } from './api/routes/checkout-session-routes.js';
import { registerCouponRoutes } from './api/routes/coupon-routes.js';
import { registerEventRoutes } from './api/routes/event-routes.js';
import { registerPaymentRoutes } from './api/routes/payment-routes.js';
import { registerRefundRoutes } from './api/routes/refund-routes.js';
import { registerShippingRateRoutes } from './api/routes/shipping-rate-routes.js';
import { registerWebhookEndpointRoutes } from './api/routes/webhook-endpoint-routes.js';
import type { SandboxContext } from './context.js';
import { CONTROLS_PREFIX, registerControlRoutes } from './controls/control-routes.js';
import { registerHostedRoutes, sendPage } from './hosted/hosted-routes.js';
import { renderUnavailablePage } from './hosted/render-status-pages.js';
import { createId } from './lib/ids.js';

const BODY_LIMIT = 2 * 1024 * 1024;
const API_NOTE =
  ' (The Mercato payment sandbox emulates only the endpoints listed in packages/payment-sandbox/README.md.)';

/** Builds the sandbox's HTTP app: the `/v1` API, the hosted pages under `/c/pay`, and the controls under `/_sandbox`. */
export async function buildApp(
  ctx: SandboxContext,
  secretKey: string,
  isOwnHost: (host: string) => boolean,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    genReqId: () => createId('req'),
    forceCloseConnections: true,
    routerOptions: { querystringParser: parseForm, ignoreTrailingSlash: true },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Request-Id', request.id);
  });
  await app.register(formbody, { parser: parseForm, bodyLimit: BODY_LIMIT });

  await app.register(
    async (api) => {
      registerApiScope(api, ctx, secretKey);
      registerCheckoutSessionRoutes(api, ctx);
      registerPaymentRoutes(api, ctx);
      registerRefundRoutes(api, ctx);
      registerCouponRoutes(api, ctx);
      registerShippingRateRoutes(api, ctx);
      registerEventRoutes(api, ctx);
      registerWebhookEndpointRoutes(api, ctx);
    },
    { prefix: '/v1' },
  );

  await app.register(async (hosted) => {
    registerHostedRoutes(hosted, ctx);
    hosted.setErrorHandler((error, request, reply) => {
      ctx.logger.error(
        `request ${request.id} ${request.method} ${request.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return sendPage(
        reply,
        500,
        renderUnavailablePage(
          'Something went wrong',
          `The sandbox could not handle this page (request ${request.id}); see its log.`,
          null,
        ),
        [],
      );
    });
  });

  await app.register(async (controls) => registerControlRoutes(controls, ctx, isOwnHost), { prefix: CONTROLS_PREFIX });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return sendApiError(reply, unrecognizedUrl(request.method, path, path.startsWith('/v1/') ? API_NOTE : ''));
  });
  app.setErrorHandler((error, request, reply) =>
    sendApiError(reply, error instanceof ApiError ? error : toApiError(error, request, ctx)),
  );
  return app;
}
