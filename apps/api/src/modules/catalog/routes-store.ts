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
import { answerFor, type CachedJson } from '../../lib/cached-response.js';
import { memoisedValidatorCompiler } from '../../lib/memoised-validator.js';
import type { StoreCatalog } from './store-service.js';

const tags = ['catalog'];

/**
 * Cached JSON goes out as-is: no re-serialisation on the hot path, the very bytes stored with the entry, with the
 * headers `answerFor` decides. An entry held in this process's memory also teaches the hot-read path its URL: the
 * next request for the very same URL is answered before Fastify routes it (`lib/hot-reads.ts`). So only public
 * routes whose answer depends on the URL alone may send through it: never one behind authentication, a cookie or a
 * header other than the conditional and encoding ones.
 */
export async function sendJson(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedJson,
): Promise<FastifyReply> {
  if (cached.reread && request.method === 'GET') request.server.hotReads.learn(request.url, cached.reread);
  const answer = await answerFor(cached, request.headers['if-none-match'], request.headers['accept-encoding']);
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
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
