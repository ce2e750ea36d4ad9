import {
  ZAdminCategoryListResponseSchema,
  ZAdminCategoryQuerySchema,
  ZAdminProductListResponseSchema,
  ZAdminProductQuerySchema,
  ZAdminProductSchema,
  ZCategoryInputSchema,
  ZCategoryPatchSchema,
  ZCategorySchema,
  ZDeleteResultSchema,
  ZIdParamsSchema,
  ZProductInputSchema,
  ZProductPatchSchema,
  ZProductVariantsInputSchema,
  ZStockAdjustmentSchema,
  ZStockUpdateSchema,
  ZVariantParamsSchema,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../audit/actor.js';
import type { AdminCategories } from './admin-categories-service.js';
import type { AdminProducts } from './admin-products-service.js';
import type { AdminVariants } from './admin-variants-service.js';

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

/** Admin catalog endpoints (the admin check is attached to every /api/admin route by the auth plugin). */
export function adminCatalogRoutes(
  products: AdminProducts,
  categories: AdminCategories,
  variants: AdminVariants,
): FastifyPluginAsyncZod {
  return async (app) => {
    const actor = (request: Parameters<typeof actorOf>[1]) => actorOf(app, request);

    app.get(
      '/api/admin/products',
      {
        schema: {
          tags,
          security,
          summary: 'Products (all states), searchable',
          querystring: ZAdminProductQuerySchema,
          response: { 200: ZAdminProductListResponseSchema },
        },
      },
      async (request) => products.list(request.query),
    );
    app.get(
      '/api/admin/products/:id',
      { schema: { tags, security, params: ZIdParamsSchema, response: { 200: ZAdminProductSchema } } },
      async (request) => products.get(request.params.id),
    );
    app.post(
      '/api/admin/products',
      {
        schema: {
          tags,
          security,
          summary: 'Create a product',
          body: ZProductInputSchema,
          response: { 201: ZAdminProductSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await products.create(request.body, await actor(request))),
    );
    app.patch(
      '/api/admin/products/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Change a product (only the fields sent)',
          params: ZIdParamsSchema,
          body: ZProductPatchSchema,
          response: { 200: ZAdminProductSchema },
        },
      },
      async (request) => products.update(request.params.id, request.body, await actor(request)),
    );
    app.put(
      '/api/admin/products/:id/stock',
      {
        schema: {
          tags,
          security,
          summary: 'Set the available stock',
          params: ZIdParamsSchema,
          body: ZStockUpdateSchema,
          response: { 200: ZAdminProductSchema },
        },
      },
      async (request) => products.update(request.params.id, request.body, await actor(request)),
    );
    app.put(
      '/api/admin/products/:id/variants',
      {
        schema: {
          tags,
          security,
          summary: 'Replace the options and variants (variants sent with their id keep their held and sold units)',
          params: ZIdParamsSchema,
          body: ZProductVariantsInputSchema,
          response: { 200: ZAdminProductSchema },
        },
      },
      async (request) => variants.replace(request.params.id, request.body, await actor(request)),
    );
    app.post(
      '/api/admin/products/:id/variants/:variantId/stock',
      {
        schema: {
          tags,
          security,
          summary: "Adjust one variant's stock by a number of units, with the reason (audited)",
          params: ZVariantParamsSchema,
          body: ZStockAdjustmentSchema,
          response: { 200: ZAdminProductSchema },
        },
      },
      async (request) =>
        variants.adjustStock(request.params.id, request.params.variantId, request.body, await actor(request)),
    );
    app.delete(
      '/api/admin/products/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Delete a product (archived instead when orders reference it)',
          params: ZIdParamsSchema,
          response: { 200: ZDeleteResultSchema },
        },
      },
      async (request) => ({
        result: await products.remove(request.params.id, await actor(request)),
      }),
    );

    app.get(
      '/api/admin/categories',
      {
        schema: {
          tags,
          security,
          summary: 'Categories with product counts, searchable; paged when pageSize is given',
          querystring: ZAdminCategoryQuerySchema,
          response: { 200: ZAdminCategoryListResponseSchema },
        },
      },
      async (request) => categories.list(request.query),
    );
    app.post(
      '/api/admin/categories',
      { schema: { tags, security, body: ZCategoryInputSchema, response: { 201: ZCategorySchema } } },
      async (request, reply) => reply.status(201).send(await categories.create(request.body, await actor(request))),
    );
    app.patch(
      '/api/admin/categories/:id',
      {
        schema: {
          tags,
          security,
          params: ZIdParamsSchema,
          body: ZCategoryPatchSchema,
          response: { 200: ZCategorySchema },
        },
      },
      async (request) => categories.update(request.params.id, request.body, await actor(request)),
    );
    app.delete(
      '/api/admin/categories/:id',
      { schema: { tags, security, params: ZIdParamsSchema } },
      async (request, reply) => {
        await categories.remove(request.params.id, await actor(request));
        return reply.status(204).send();
      },
    );
  };
}
