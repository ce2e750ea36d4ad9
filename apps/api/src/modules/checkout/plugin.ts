import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ensureIndexes } from '../../lib/mongo-indexes.js';
import { notificationIndexes } from '../notifications/repo.js';
import { notificationRoutes } from '../notifications/routes.js';
import { createAdminOrders } from '../orders/admin-service.js';
import { orderIndexes } from '../orders/repo.js';
import { liveSalesRoutes } from '../orders/live.js';
import { orderRoutes } from '../orders/routes.js';
import { createCommerceDeps, type CommerceDeps } from './deps.js';
import { checkoutRoutes } from './routes.js';
import { sweepCheckouts } from './sweep.js';
import { stripeEventIndexes } from './webhook.js';

export const SWEEP_JOB = 'checkout.sweep';

declare module 'fastify' {
  interface FastifyInstance {
    commerce: CommerceDeps;
  }
}

/** Checkout, payment webhooks, orders, notifications and the background sweep that keeps them consistent. */
export const checkoutModule = fp(
  async (app: FastifyInstance) => {
    await ensureIndexes(app.mongo.db, [orderIndexes, stripeEventIndexes, notificationIndexes]);
    const deps = createCommerceDeps(app);
    app.decorate('commerce', deps);
    await app.register(checkoutRoutes(deps));
    await app.register(orderRoutes(deps, createAdminOrders(deps)));
    await app.register(notificationRoutes);
    await app.register(liveSalesRoutes);

    app.jobs.define(SWEEP_JOB, async () => {
      const result = await sweepCheckouts(deps);
      if (result.released + result.fulfilled + result.settled > 0) app.log.info(result, 'checkout sweep');
    });
    app.addHook('onReady', async () => {
      app.jobs.every(SWEEP_JOB, app.config.CHECKOUT_SWEEP_INTERVAL_MS);
    });
  },
  { name: 'checkout', dependencies: ['mongo', 'redis', 'jobs', 'stripe', 'mailer', 'auth', 'cart'] },
);
