import {
  ZCategoryListResponseSchema,
  ZProductItemsResponseSchema,
  ZProductListQuerySchema,
  ZProductListResponseSchema,
  ZProductSchema,
  ZSlugParamsSchema,
} from '@mercato/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CatalogAnswer } from './cache-outcome.js';
import type { StoreCatalog } from './store-service.js';

const tags = ['catalog'];

/**
 * Cached JSON goes out as-is: no re-serialisation on the hot path. Browsers must revalidate every time (an admin's
 * price change is visible at once), and an unchanged answer costs them only a 304 thanks to the ETag, which was
 * computed once when the entry was cached. `x-cache` says whether the answer was built from MongoDB (`miss`), so
 * hit rates can be watched from outside (bench/src/mixed.bench.ts).
 */
function sendJson(request: FastifyRequest, reply: FastifyReply, cached: CatalogAnswer): FastifyReply {
  void reply
    .header('cache-control', 'no-cache')
    .header('etag', cached.etag)
    .header('x-cache', cached.isHit ? 'hit' : 'miss');
  if (request.headers['if-none-match'] === cached.etag) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(cached.json);
}

export function storeCatalogRoutes(catalog: StoreCatalog): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/products',
      {
        schema: {
          tags,
          summary: 'Browse, search, filter and sort products',
          querystring: ZProductListQuerySchema,
          response: { 200: ZProductListResponseSchema },
        },
      },
      async (request, reply) => sendJson(request, reply, await catalog.listProducts(request.query)),
    );
    app.get(
      '/api/products/featured',
      { schema: { tags, summary: 'Featured products', response: { 200: ZProductItemsResponseSchema } } },
      async (request, reply) => sendJson(request, reply, await catalog.featured()),
    );
    app.get(
      '/api/products/:slug',
      {
        schema: { tags, summary: 'One product by slug', params: ZSlugParamsSchema, response: { 200: ZProductSchema } },
      },
      async (request, reply) => sendJson(request, reply, await catalog.getProduct(request.params.slug)),
    );
    app.get(
      '/api/products/:slug/related',
      {
        schema: {
          tags,
          summary: 'Products related to one product',
          params: ZSlugParamsSchema,
          response: { 200: ZProductItemsResponseSchema },
        },
      },
      async (request, reply) => sendJson(request, reply, await catalog.related(request.params.slug)),
    );
    app.get(
      '/api/categories',
      {
        schema: {
          tags,
          summary: 'All categories with their product counts',
          response: { 200: ZCategoryListResponseSchema },
        },
      },
      async (request, reply) => sendJson(request, reply, await catalog.listCategories()),
    );
  };
}
