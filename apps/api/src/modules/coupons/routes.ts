import {
  ZCouponInputSchema,
  ZCouponListResponseSchema,
  ZCouponPatchSchema,
  ZCouponQuerySchema,
  ZCouponSchema,
  ZIdParamsSchema,
  ZPersonalCouponListSchema,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ObjectId } from 'mongodb';
import type { RequestAuth } from '../../plugins/auth.js';
import { actorOf } from '../audit/actor.js';
import type { AdminCoupons } from './admin-service.js';
import type { CouponsRepo } from './repo.js';

const security = [{ bearerAuth: [] }];

export function couponRoutes(admin: AdminCoupons, repo: CouponsRepo): FastifyPluginAsyncZod {
  return async (app) => {
    const actor = (request: Parameters<typeof actorOf>[1]) => actorOf(app, request);
    const tags = ['admin'];
    app.get(
      '/api/admin/coupons',
      {
        schema: {
          tags,
          security,
          summary: 'Coupons with usage counts',
          querystring: ZCouponQuerySchema,
          response: { 200: ZCouponListResponseSchema },
        },
      },
      async (request) => admin.list(request.query),
    );
    app.post(
      '/api/admin/coupons',
      {
        schema: {
          tags,
          security,
          summary: 'Create a coupon',
          body: ZCouponInputSchema,
          response: { 201: ZCouponSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await admin.create(request.body, await actor(request))),
    );
    app.patch(
      '/api/admin/coupons/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Edit or deactivate a coupon',
          params: ZIdParamsSchema,
          body: ZCouponPatchSchema,
          response: { 200: ZCouponSchema },
        },
      },
      async (request) => admin.update(request.params.id, request.body, await actor(request)),
    );

    app.get(
      '/api/account/coupons',
      {
        onRequest: app.authenticate,
        schema: {
          tags: ['cart'],
          security,
          summary: "The signed-in customer's personal coupons",
          response: { 200: ZPersonalCouponListSchema },
        },
      },
      async (request) => {
        const userId = new ObjectId((request.auth as RequestAuth).userId);
        const owned = await repo.listForOwner(userId);
        return {
          items: owned.map((coupon) => ({
            code: coupon.code,
            description: coupon.description,
            type: coupon.type,
            value: coupon.value,
            endsAt: coupon.endsAt?.toISOString() ?? null,
            isUsed: coupon.redeemedCount > 0,
          })),
        };
      },
    );
  };
}
