import type { FastifyInstance } from 'fastify';
import { systemRoutes } from './system/routes.js';

/** Every capability module, in one place: adding a module means adding one line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(systemRoutes);
}
