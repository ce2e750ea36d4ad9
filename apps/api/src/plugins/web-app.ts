import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendProblem } from './error-handler.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Where the built web app lives: WEB_DIST_DIR, else apps/web/dist next to this package. */
export function resolveWebDist(configured: string | undefined): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidate = configured ? resolve(configured) : resolve(here, '../../../web/dist');
  return existsSync(join(candidate, 'index.html')) ? candidate : undefined;
}

/**
 * Serves the built single-page app: fingerprinted assets cached forever, index.html never cached, and any
 * unknown non-API GET answered with index.html so client-side routes survive a reload. API paths that match
 * nothing get a problem document instead.
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance) => {
    const root = resolveWebDist(app.config.WEB_DIST_DIR);
    if (root) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        setHeaders: (res, path) => {
          res.setHeader('cache-control', path.includes(`${join(root, 'assets')}`) ? IMMUTABLE : 'public, max-age=3600');
        },
      });
    } else {
      app.log.info('web app not built (apps/web/dist missing): serving the API only');
    }

    app.setNotFoundHandler((request, reply) => {
      if (root && isPageRequest(request)) return sendIndex(reply);
      return sendProblem(
        request,
        reply,
        'ROUTE_NOT_FOUND',
        `No route for ${request.method} ${request.url.split('?')[0]}.`,
      );
    });
  },
  { name: 'web-app', dependencies: ['config'] },
);

function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A missing file with an extension (e.g. /assets/old-hash.js) is a real 404, not a page.
  return !/\.[a-z0-9]{1,8}$/i.test(path);
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
}
