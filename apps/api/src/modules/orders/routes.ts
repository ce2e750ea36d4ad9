import {
  ZAdminOrderListResponseSchema,
  ZAdminOrderQuerySchema,
  ZAdminOrderSchema,
  ZCancelOrderSchema,
  ZIdParamsSchema,
  ZOrderListQuerySchema,
  ZOrderListResponseSchema,
  ZOrderSchema,
  ZOrderStatusChangeSchema,
  ZRefundRequestSchema,
  ZSalesSummaryQuerySchema,
  ZSalesSummarySchema,
  pageInfo,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { ObjectId } from 'mongodb';
import { notFound } from '../../lib/app-error.js';
import type { RequestAuth } from '../../plugins/auth.js';
import { actorOf } from '../audit/actor.js';
import type { CommerceDeps } from '../checkout/deps.js';
import type { AdminOrders } from './admin-service.js';
import { salesSummary } from './analytics.js';
import { toOrder, toOrderSummary } from './dto.js';

const security = [{ bearerAuth: [] }];

/** Shoppers' own orders, and order management and sales figures for staff. */
export function orderRoutes(deps: CommerceDeps, admin: AdminOrders): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(async (mine) => {
      mine.addHook('onRequest', app.authenticate);
      const typed = mine.withTypeProvider<ZodTypeProvider>();
      const user = (request: { auth: RequestAuth | null }) => new ObjectId((request.auth as RequestAuth).userId);
      const tags = ['orders'];
      typed.get(
        '/api/orders',
        {
          schema: {
            tags,
            security,
            summary: 'My orders, newest first',
            querystring: ZOrderListQuerySchema,
            response: { 200: ZOrderListResponseSchema },
          },
        },
        async (request) => {
          const { page, pageSize } = request.query;
          const { items, total } = await deps.orders.page({ userId: user(request) }, page, pageSize);
          return { items: items.map(toOrderSummary), pageInfo: pageInfo(page, pageSize, total) };
        },
      );
      typed.get(
        '/api/orders/:id',
        {
          schema: {
            tags,
            security,
            summary: 'One of my orders (someone else’s is 404)',
            params: ZIdParamsSchema,
            response: { 200: ZOrderSchema },
          },
        },
        async (request) => {
          const order = await deps.orders.findById(new ObjectId(request.params.id));
          if (!order || !order.userId.equals(user(request))) throw notFound('Order');
          return toOrder(order, deps.personal);
        },
      );
    });

    const actor = (request: Parameters<typeof actorOf>[1]) => actorOf(app, request);
    const tags = ['admin'];
    app.get(
      '/api/admin/orders',
      {
        schema: {
          tags,
          security,
          summary: 'Orders with filters',
          querystring: ZAdminOrderQuerySchema,
          response: { 200: ZAdminOrderListResponseSchema },
        },
      },
      async (request) => admin.list(request.query),
    );
    app.get(
      '/api/admin/orders/:id',
      { schema: { tags, security, params: ZIdParamsSchema, response: { 200: ZAdminOrderSchema } } },
      async (request) => admin.get(request.params.id),
    );
    app.post(
      '/api/admin/orders/:id/status',
      {
        schema: {
          tags,
          security,
          summary: 'Mark shipped or delivered',
          params: ZIdParamsSchema,
          body: ZOrderStatusChangeSchema,
          response: { 200: ZAdminOrderSchema },
        },
      },
      async (request) =>
        admin.changeStatus(request.params.id, request.body.status, request.body.note, await actor(request)),
    );
    app.post(
      '/api/admin/orders/:id/cancel',
      {
        schema: {
          tags,
          security,
          summary: 'Cancel (unpaid: release; paid: refund and restock)',
          params: ZIdParamsSchema,
          body: ZCancelOrderSchema,
          response: { 200: ZAdminOrderSchema },
        },
      },
      async (request) => admin.cancel(request.params.id, request.body.reason, await actor(request)),
    );
    app.post(
      '/api/admin/orders/:id/refunds',
      {
        schema: {
          tags,
          security,
          summary: 'Refund all or part through Stripe',
          params: ZIdParamsSchema,
          body: ZRefundRequestSchema,
          response: { 200: ZAdminOrderSchema },
        },
      },
      async (request) => admin.refund(request.params.id, request.body, await actor(request)),
    );
    app.get(
      '/api/admin/analytics/sales',
      {
        schema: {
          tags,
          security,
          summary: 'Revenue, orders, AOV, customers, top products and a daily series',
          querystring: ZSalesSummaryQuerySchema,
          response: { 200: ZSalesSummarySchema },
        },
      },
      async (request) =>
        salesSummary(
          deps.orders,
          deps.config.STORE_CURRENCY,
          new Date(request.query.from),
          new Date(request.query.to),
          request.query.tz,
        ),
    );
  };
}
