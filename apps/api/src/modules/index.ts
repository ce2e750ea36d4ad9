import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/routes.js';
import { accountRoutes } from './auth/routes-account.js';
import { cartModule } from './cart/plugin.js';
import { catalogModule } from './catalog/plugin.js';
import { checkoutModule } from './checkout/plugin.js';
import { authRoutes } from './auth/routes.js';
import { outboxRoutes } from './mail/routes.js';
import { privacyModule } from './privacy/plugin.js';
import { seoRoutes } from './seo/routes.js';
import { systemRoutes } from './system/routes.js';
import { usersBootstrapPlugin } from './users/plugin.js';
import { adminUserRoutes } from './users/routes-admin.js';

/** Every capability module, in one place: adding a module means adding one line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(outboxRoutes);
  await app.register(usersBootstrapPlugin);
  await app.register(adminUserRoutes);
  await app.register(auditRoutes);
  await app.register(catalogModule);
  await app.register(seoRoutes);
  await app.register(cartModule);
  await app.register(checkoutModule);
  await app.register(privacyModule);
}
