import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectHead, type PageHead } from '../modules/seo/head.js';
import { sendProblem } from './error-handler.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Where the built web app lives: WEB_DIST_DIR, else apps/web/dist next to this package. */
export function resolveWebDist(configured: string | undefined): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidate = configured ? resolve(configured) : resolve(here, '../../../web/dist');
  return existsSync(join(candidate, 'index.html')) ? candidate : undefined;
}

/**
 * Serves the built single-page app: fingerprinted assets cached forever, pages never cached, and any unknown
 * non-API GET answered with the app's HTML so client-side routes survive a reload. Product, category and home
 * pages get their SEO head (title, description, canonical, Open Graph, JSON-LD) in that HTML. API paths that
 * match nothing get a problem document instead.
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, options: { headFor?: (path: string) => Promise<PageHead | null> }) => {
    const root = resolveWebDist(app.config.WEB_DIST_DIR);
    const indexHtml = root ? readFileSync(join(root, 'index.html'), 'utf8') : '';
    if (root) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        cacheControl: false,
        setHeaders: (res, path) => {
          res.setHeader('cache-control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : 'public, max-age=3600');
        },
      });
      app.get('/', { schema: { hide: true } }, (request, reply) => sendPage(request, reply));
    } else {
      app.log.info('web app not built (apps/web/dist missing): serving the API only');
    }

    async function sendPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const path = request.url.split('?')[0] ?? '/';
      const head = options.headFor ? await options.headFor(path).catch(() => null) : null;
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(head ? injectHead(indexHtml, head) : indexHtml);
    }

    app.setNotFoundHandler((request, reply) => {
      if (root && isPageRequest(request)) return sendPage(request, reply);
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
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/media/')) return false;
  // A missing file with an extension (e.g. /assets/old-hash.js) is a real 404, not a page.
  return !/\.[a-z0-9]{1,8}$/i.test(path);
}
