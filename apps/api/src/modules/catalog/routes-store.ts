import {
  ZCategoryListResponseSchema,
  ZProductItemsResponseSchema,
  ZProductListQuerySchema,
  ZProductListResponseSchema,
  ZProductSchema,
  ZSlugParamsSchema,
} from '@mercato/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { negotiateEncoding, type CachedJson } from '../../lib/cached-response.js';
import { memoisedValidatorCompiler } from '../../lib/memoised-validator.js';
import type { StoreCatalog } from './store-service.js';

const tags = ['catalog'];

/**
 * Cached JSON goes out as-is: no re-serialisation on the hot path, the very bytes stored with the entry. Browsers
 * must revalidate every time (an admin's price change is visible at once), and an unchanged answer costs them only
 * a 304 thanks to the ETag, which was computed once when the entry was cached. A client that accepts brotli or gzip
 * gets the entry's compressed copy, made on the first such request and kept with the entry (`Vary` tells shared
 * caches the body depends on `Accept-Encoding`). `x-cache` says whether the answer was built from MongoDB (`miss`),
 * so hit rates can be watched from outside (bench/src/mixed.bench.ts).
 */
export function sendJson(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedJson,
): FastifyReply | Promise<FastifyReply> {
  void reply
    .header('cache-control', 'no-cache')
    .header('etag', cached.etag)
    .header('vary', 'accept-encoding')
    .header('x-cache', cached.isHit ? 'hit' : 'miss');
  if (request.headers['if-none-match'] === cached.etag) return reply.status(304).send();
  void reply.type('application/json; charset=utf-8');
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  const copy = encoding && cached.copies.of(cached.body, encoding);
  if (!encoding || !copy) return reply.send(cached.body);
  if (Buffer.isBuffer(copy)) return reply.header('content-encoding', encoding).send(copy);
  return copy.then((compressed) =>
    compressed ? reply.header('content-encoding', encoding).send(compressed) : reply.send(cached.body),
  );
}

export function storeCatalogRoutes(catalog: StoreCatalog): FastifyPluginAsyncZod {
  return async (app) => {
    // The same few hundred queries and slugs come back all day: each distinct one is validated once.
    app.setValidatorCompiler(memoisedValidatorCompiler(validatorCompiler));
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
