import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Config } from './config/load-config.js';
export type * from './fastify-types.js';
import { clientAddress, HotReads } from './lib/hot-reads.js';
import { lazyChildLogger, loggerOptions } from './lib/logger.js';
import { requestIdFrom } from './lib/request-id.js';
import { registerModules } from './modules/index.js';
import { headForPath } from './modules/seo/service.js';
import { authPlugin } from './plugins/auth.js';
import { configPlugin } from './plugins/config.js';
import { errorHandlerPlugin } from './plugins/error-handler.js';
import { jobsPlugin } from './plugins/jobs.js';
import { mailerPlugin } from './plugins/mailer.js';
import { mongoPlugin } from './plugins/mongo.js';
import { openapiPlugin } from './plugins/openapi.js';
import { personalDataPlugin } from './plugins/personal-data.js';
import { shopperCachePlugin } from './plugins/shopper-cache.js';
import { redisPlugin } from './plugins/redis.js';
import { routeTablePlugin } from './plugins/route-table.js';
import { securityPlugin } from './plugins/security.js';
import { stripePlugin } from './plugins/stripe.js';
import { webAppPlugin } from './plugins/web-app.js';

export interface BuildOptions {
  /** Overrides the logger (tests pass `false`). */
  logger?: FastifyServerOptions['logger'];
}

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Set by a shutdown signal before the server closes (lib/shutdown.ts): readiness then fails so a load balancer
     * takes the instance out of rotation while it still serves what it is sent.
     */
    lifecycle: { isDraining: boolean };
    /** The hot-read path: `sendJson` teaches it the URLs it may answer (lib/hot-reads.ts). */
    hotReads: HotReads;
  }
}

/** The settings Fastify hands a server factory (its defaults applied). */
interface ServerSettings {
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

/**
 * Builds the whole API as one Fastify instance: infrastructure plugins first (each adds a typed decorator and
 * closes its connections on shutdown), then the capability modules, then the web app and not-found handling.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const tls =
    config.TLS_CERT_FILE && config.TLS_KEY_FILE
      ? { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) }
      : undefined;
  // Repeated cached storefront reads are answered before Fastify sees them (lib/hot-reads.ts); everything else,
  // and those too until the plugins below are registered, goes to Fastify's handler.
  const hot: { reads?: HotReads } = {};
  const serverFactory = (handler: RequestListener, options: Record<string, unknown>) => {
    const settings = options as unknown as ServerSettings;
    const listener: RequestListener = (request, response) => {
      const routed = () => handler(request, response);
      if (!hot.reads?.serve(request, response, routed)) routed();
    };
    const server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
    // What Fastify applies to a server it creates itself.
    server.keepAliveTimeout = settings.keepAliveTimeout;
    server.requestTimeout = settings.requestTimeout;
    server.setTimeout(settings.connectionTimeout);
    if (settings.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    return server;
  };
  const serverOptions = {
    logger: options.logger ?? loggerOptions(config),
    serverFactory,
    childLoggerFactory: lazyChildLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    genReqId: requestIdFrom,
    // In-flight requests finish on close; idle keep-alive sockets are dropped so shutdown is prompt.
    forceCloseConnections: 'idle' as const,
    return503OnClosing: true,
    // Start-up runs data migrations and builds indexes (variants, search keys) before the first request; on a large
    // catalogue that takes longer than Fastify's default 10 s per plugin. The instance listens only once it is done.
    pluginTimeout: 300_000,
  };
  // With `https` Fastify's server type changes; nothing here touches the raw server, so one type serves both.
  const app = Fastify(serverOptions as FastifyServerOptions) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Hooks every request runs take a callback rather than returning a promise: one microtask less each.
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Responses that finish while the server is closing also close their keep-alive socket; otherwise shutdown
  // would wait for the client's idle connection to time out.
  // While draining too: a proxy then has no idle connection to this instance left to reuse once it closes.
  let isClosing = false;
  app.decorate('lifecycle', { isDraining: false });
  app.addHook('preClose', async () => {
    isClosing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (isClosing || app.lifecycle.isDraining) void reply.header('connection', 'close');
    done(null, payload);
  });

  await app.register(configPlugin, { config });
  await app.register(personalDataPlugin);
  await app.register(routeTablePlugin);
  await app.register(errorHandlerPlugin);
  await app.register(mongoPlugin);
  await app.register(redisPlugin);
  await app.register(shopperCachePlugin);
  await app.register(jobsPlugin);
  await app.register(mailerPlugin);
  await app.register(stripePlugin);
  await app.register(securityPlugin);
  hot.reads = new HotReads({
    securityHeaders: app.readGuard.dataHeaders,
    takeRead: app.readGuard.takeRead,
    ipOf: (request) => clientAddress(request, config.TRUST_PROXY),
    isOpen: () => !isClosing && !app.lifecycle.isDraining,
    // Registered below, and only asked once a request comes in.
    authenticate: (request) => app.optionalAuth(request),
    heldAuth: (request) => app.heldAuth(request),
    log: app.log,
  });
  app.decorate('hotReads', hot.reads);
  await app.register(openapiPlugin);
  await app.register(authPlugin);
  await registerModules(app.withTypeProvider<ZodTypeProvider>());
  await app.register(webAppPlugin, { headFor: (path) => headForPath(app, path) });
  return app;
}
