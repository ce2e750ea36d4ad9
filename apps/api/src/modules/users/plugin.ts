import { shopperStateCacheOf } from '../../plugins/shopper-cache.js';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ensureAdmin } from './bootstrap.js';
import { createUsersRepo } from './repo.js';

/** First admin from ADMIN_EMAIL/ADMIN_PASSWORD: created on start if missing, promoted if it exists as a customer. */
export const usersBootstrapPlugin = fp(
  async (app: FastifyInstance) => {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = app.config;
    if (!email || !password) return;
    const result = await ensureAdmin(
      createUsersRepo(app.mongo.db, app.personalData, shopperStateCacheOf(app)),
      { email, password, overwritePassword: false },
      app.config.BCRYPT_COST,
    );
    if (result !== 'unchanged') app.log.info({ email, result }, 'admin account from ADMIN_EMAIL');
  },
  { name: 'users-bootstrap', dependencies: ['auth'] },
);
