import type { FastifyInstance } from 'fastify';
import { resourceMissing } from '../api-error.js';
import { newestFirst, paginate } from '../list.js';
import { rejectUnknownParams } from '../params.js';
import type { SandboxContext } from '../../context.js';
import { buildShippingRate } from '../../objects/build-catalog-objects.js';
import { parseShippingRateData } from '../../services/shipping-rate-params.js';
import { copy, idOf, paramsOf } from './route-helpers.js';

/** Shipping rates: reusable fixed-amount rates for `shipping_options[][shipping_rate]`. */
export function registerShippingRateRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/shipping_rates', async (request) => {
    const rate = buildShippingRate(parseShippingRateData(paramsOf(request), ''), ctx.clock.nowSeconds());
    ctx.state.shippingRates.set(rate.id, rate);
    return copy(rate);
  });

  app.get('/shipping_rates/:id', async (request) => {
    const rate = ctx.state.shippingRates.get(idOf(request));
    if (!rate) throw resourceMissing('shipping_rate', idOf(request), 'shipping_rate_token');
    return copy(rate);
  });

  app.get('/shipping_rates', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', [
      'limit',
      'starting_after',
      'ending_before',
      'created',
      'expand',
      'active',
      'currency',
    ]);
    return paginate(newestFirst(ctx.state.shippingRates).map(copy), params, '/v1/shipping_rates', 'shipping_rate');
  });
}
