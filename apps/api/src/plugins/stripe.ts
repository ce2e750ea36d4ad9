import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import Stripe from 'stripe';

declare module 'fastify' {
  interface FastifyInstance {
    stripe: Stripe;
  }
}

/** The official SDK, pointed at the payment sandbox (STRIPE_API_URL) or at Stripe. Nothing else differs. */
export const stripePlugin = fp(
  async (app: FastifyInstance) => {
    const target = app.config.stripeApi;
    const stripe = new Stripe(app.config.STRIPE_SECRET_KEY, {
      ...(target ?? {}),
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      appInfo: { name: 'Mercato', url: 'https://github.com/mercato-shop/mercato' },
    });
    app.decorate('stripe', stripe);
  },
  { name: 'stripe', dependencies: ['config'] },
);
