import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './auth/routes-account.js';
import { authRoutes } from './auth/routes.js';
import { outboxRoutes } from './mail/routes.js';
import { systemRoutes } from './system/routes.js';
import { usersBootstrapPlugin } from './users/plugin.js';

/** Every capability module, in one place: adding a module means adding one line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(outboxRoutes);
  await app.register(usersBootstrapPlugin);
}
