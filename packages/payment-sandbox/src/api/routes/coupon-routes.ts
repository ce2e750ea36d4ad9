import type { FastifyInstance } from 'fastify';
import { resourceMissing } from '../api-error.js';
import { newestFirst, paginate } from '../list.js';
import { readString, rejectUnknownParams } from '../params.js';
import { readMetadata } from '../params-formats.js';
import type { SandboxContext } from '../../context.js';
import { createCoupon } from '../../services/create-coupon.js';
import { mergeMetadata } from './checkout-session-routes.js';
import { copy, idOf, paramsOf } from './route-helpers.js';

/** Coupons: how the shop expresses a discount on a Checkout Session (`discounts[0][coupon]`). */
export function registerCouponRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const find = (id: string) => {
    const coupon = ctx.state.coupons.get(id);
    if (!coupon) throw resourceMissing('coupon', id, 'id');
    return coupon;
  };

  app.post('/coupons', async (request) => copy(createCoupon(ctx, paramsOf(request))));

  app.get('/coupons/:id', async (request) => copy(find(idOf(request))));

  app.post('/coupons/:id', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['name', 'metadata', 'expand'], { currency_options: () => false });
    const coupon = find(idOf(request));
    const name = readString(params, 'name', '', { maxLength: 40 });
    if (name !== undefined) coupon.name = name;
    const metadata = readMetadata(params, 'metadata', '');
    if (metadata !== undefined) coupon.metadata = mergeMetadata(coupon.metadata, params.metadata, metadata);
    return copy(coupon);
  });

  app.delete('/coupons/:id', async (request) => {
    const coupon = find(idOf(request));
    ctx.state.coupons.delete(coupon.id);
    return { id: coupon.id, object: 'coupon', deleted: true };
  });

  app.get('/coupons', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['limit', 'starting_after', 'ending_before', 'created', 'expand']);
    return paginate(newestFirst(ctx.state.coupons).map(copy), params, '/v1/coupons', 'coupon');
  });
}
