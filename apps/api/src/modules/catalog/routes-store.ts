import {
  ZCategoryListResponseSchema,
  ZProductItemsResponseSchema,
  ZProductListQuerySchema,
  ZProductListResponseSchema,
  ZProductSchema,
  ZSlugParamsSchema,
} from '@mercato/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { StoreCatalog } from './store-service.js';

const tags = ['catalog'];

/** Cached JSON goes out as-is: no re-serialisation on the hot path. Browsers may reuse it briefly. */
function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=30').send(json);
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
      async (request, reply) => sendJson(reply, await catalog.listProducts(request.query)),
    );
    app.get(
      '/api/products/featured',
      { schema: { tags, summary: 'Featured products', response: { 200: ZProductItemsResponseSchema } } },
      async (_request, reply) => sendJson(reply, await catalog.featured()),
    );
    app.get(
      '/api/products/:slug',
      {
        schema: { tags, summary: 'One product by slug', params: ZSlugParamsSchema, response: { 200: ZProductSchema } },
      },
      async (request, reply) => sendJson(reply, await catalog.getProduct(request.params.slug)),
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
      async (request, reply) => sendJson(reply, await catalog.related(request.params.slug)),
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
      async (_request, reply) => sendJson(reply, await catalog.listCategories()),
    );
  };
}
