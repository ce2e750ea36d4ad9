/**
 * Loads every module that adds decorators to Fastify's types (`declare module 'fastify'`). Anything that imports
 * the app's types — including test code compiled against the built declarations — sees `app.mongo`, `app.redis`,
 * `request.auth` and the rest through this one import.
 */
export type { StoreCatalog } from './modules/catalog/store-service.js';
export type { CommerceDeps } from './modules/checkout/deps.js';
export type { CartService } from './modules/cart/service.js';
export type { RequestAuth } from './plugins/auth.js';
export type { Config } from './config/load-config.js';
export type { JobQueue } from './plugins/jobs.js';
export type { Mailer } from './modules/mail/mailer.js';
export type { MongoHandle } from './plugins/mongo.js';
export type { RouteEntry } from './plugins/route-table.js';
export type {} from './plugins/redis.js';
export type {} from './plugins/stripe.js';
export type {} from './plugins/mailer.js';
export type {} from './plugins/config.js';
export type {} from './plugins/personal-data.js';
export type {} from './modules/catalog/plugin.js';
export type {} from './modules/cart/plugin.js';
export type {} from './modules/checkout/plugin.js';
export type {} from './modules/privacy/plugin.js';
