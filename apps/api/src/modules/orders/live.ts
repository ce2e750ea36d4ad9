import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { createSubscriber as subscribeTo } from '../../lib/redis-client.js';
import { salesChannel } from '../checkout/deps.js';

const HEARTBEAT_MS = 15_000;

/**
 * Live sales for the admin dashboard as Server-Sent Events. Every paid order, on any API instance, is published on
 * a Redis channel; each instance relays it to its connected dashboards, which then refresh their figures. Clients
 * send the bearer token (fetch-based SSE), so the admin check applies as on every admin route.
 */
export const liveSalesRoutes: FastifyPluginAsyncZod = async (app) => {
  const listeners = new Set<(message: string) => void>();
  const streams = new Set<ServerResponse>();
  const subscriber = createSubscriber(app, (message) => listeners.forEach((listener) => listener(message)));

  app.get(
    '/api/admin/analytics/stream',
    {
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        summary: 'Server-Sent Events: one `sale` event per paid order',
      },
    },
    async (request, reply) => {
      reply.hijack();
      const response = reply.raw;
      // A hijacked reply writes its own head: it carries the headers hooks set on the reply (security headers).
      response.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        'x-request-id': String(request.id),
      });
      response.write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
      const send = (message: string) => response.write(`event: sale\ndata: ${message}\n\n`);
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
      listeners.add(send);
      streams.add(response);
      // The response's close (the connection went away), not the request's: a GET request 'closes' once read.
      response.on('close', () => {
        clearInterval(heartbeat);
        listeners.delete(send);
        streams.delete(response);
      });
    },
  );

  app.addHook('onClose', async () => {
    subscriber.disconnect();
  });
  app.addHook('preClose', async () => {
    // Event streams never finish on their own and would keep the server from closing (their sockets are never
    // idle), so they are cut; the dashboard reconnects to another instance. Ordinary requests finish normally.
    for (const stream of streams) stream.destroy();
  });
};

function createSubscriber(app: FastifyInstance, onMessage: (message: string) => void): Redis {
  // One node even on a Redis Cluster: classic PUBLISH reaches every node (lib/redis-client.ts).
  // Subscribed on every 'ready' by this code rather than by ioredis's auto-resubscribe, whose SUBSCRIBE promise
  // nobody handles: a connection lost again before Redis answers it would reject unhandled and, in Node, end the
  // process.
  const subscriber = subscribeTo(app.config, { maxRetriesPerRequest: null, autoResubscribe: false });
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, message: string) => onMessage(message));
  subscriber.on('ready', () => {
    subscriber
      .subscribe(salesChannel(app.config.REDIS_KEY_PREFIX))
      .catch((error: unknown) => app.log.warn({ err: error }, 'live sales: subscribe failed'));
  });
  return subscriber;
}
