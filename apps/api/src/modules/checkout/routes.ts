import {
  ZCheckoutRequestSchema,
  ZCheckoutResponseSchema,
  ZConfirmCheckoutSchema,
  ZEmptyBodySchema,
  ZIdParamsSchema,
  ZOrderSchema,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { ObjectId } from 'mongodb';
import type Stripe from 'stripe';
import { AppError, notFound } from '../../lib/app-error.js';
import type { RequestAuth } from '../../plugins/auth.js';
import { toOrder } from '../orders/dto.js';
import { cancelPendingCheckout } from './cancel.js';
import type { CommerceDeps } from './deps.js';
import { fulfilCheckoutSession } from './fulfil.js';
import { startCheckout } from './start-checkout.js';
import { handleStripeEvent } from './webhook.js';

const tags = ['checkout'];
const security = [{ bearerAuth: [] }];

export function checkoutRoutes(deps: CommerceDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(async (shopper) => {
      shopper.addHook('onRequest', app.authenticate);
      const typed = shopper.withTypeProvider<ZodTypeProvider>();
      const user = (request: { auth: RequestAuth | null }) => new ObjectId((request.auth as RequestAuth).userId);

      typed.post(
        '/api/checkout',
        {
          schema: {
            tags,
            security,
            summary: 'Start paying for the cart (returns the hosted payment page)',
            body: ZCheckoutRequestSchema,
            response: { 201: ZCheckoutResponseSchema },
          },
        },
        async (request, reply) => reply.status(201).send(await startCheckout(deps, user(request), request.body)),
      );

      // The success page: confirms with Stripe (never from URL parameters) through the same fulfilment as the webhook.
      typed.post(
        '/api/checkout/confirm',
        {
          schema: {
            tags,
            security,
            summary: 'Confirm a checkout after the payment page',
            body: ZConfirmCheckoutSchema,
            response: { 200: ZOrderSchema },
          },
        },
        async (request) => {
          const order = await deps.orders.findBySession(request.body.sessionId);
          if (!order || !order.userId.equals(user(request))) throw notFound('Order');
          return toOrder(await fulfilCheckoutSession(deps, request.body.sessionId), deps.personal);
        },
      );

      typed.post(
        '/api/checkout/:id/cancel',
        {
          schema: {
            tags,
            security,
            summary: 'Abandon an unpaid checkout and release what it held',
            params: ZIdParamsSchema,
            body: ZEmptyBodySchema,
            response: { 200: ZOrderSchema },
          },
        },
        async (request) => {
          const order = await deps.orders.findById(new ObjectId(request.params.id));
          if (!order || !order.userId.equals(user(request))) throw notFound('Order');
          if (order.status !== 'pending_payment') return toOrder(order, deps.personal);
          if (order.payment.checkoutSessionId) {
            await deps.stripe.checkout.sessions.expire(order.payment.checkoutSessionId).catch(() => undefined);
            const synced = await fulfilCheckoutSession(deps, order.payment.checkoutSessionId);
            if (synced.status !== 'pending_payment') return toOrder(synced, deps.personal);
          }
          return toOrder(
            (await cancelPendingCheckout(deps, order, 'Checkout abandoned by the shopper', 'customer')) ?? order,
            deps.personal,
          );
        },
      );
    });

    // Stripe's webhook: the signature is verified on the exact raw bytes, so this scope parses JSON as a Buffer.
    await app.register(async (webhook) => {
      webhook.addContentTypeParser(
        'application/json',
        { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
        (_request, body, done) => done(null, body),
      );
      webhook.post(
        '/api/webhooks/stripe',
        { schema: { tags, summary: 'Stripe webhook endpoint (signed)', hide: false }, config: { rateLimit: false } },
        async (request, reply) => {
          const signature = request.headers['stripe-signature'];
          if (!Buffer.isBuffer(request.body) || typeof signature !== 'string')
            throw new AppError('WEBHOOK_SIGNATURE_INVALID', 'Missing body or Stripe-Signature header.');
          let event: Stripe.Event;
          try {
            event = deps.stripe.webhooks.constructEvent(request.body, signature, deps.config.STRIPE_WEBHOOK_SECRET);
          } catch {
            throw new AppError('WEBHOOK_SIGNATURE_INVALID', 'The webhook signature is invalid or too old.');
          }
          const outcome = await handleStripeEvent(deps, app.mongo.db, event);
          return reply.status(200).send({ received: true, outcome });
        },
      );
    });
  };
}
