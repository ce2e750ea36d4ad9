import { invalidParam, invalidRequest } from '../api/api-error.js';
import { readDecimal, readEnum, readInteger, readString, rejectUnknownParams, type Params } from '../api/params.js';
import { readCurrency, readMetadata } from '../api/params-formats.js';
import type { SandboxContext } from '../context.js';
import { createCouponId } from '../lib/ids.js';
import { buildCoupon } from '../objects/build-catalog-objects.js';
import type { Coupon } from '../objects/types.js';

/** Creates a coupon: exactly one of `amount_off` (with `currency`) or `percent_off`, as Stripe requires. */
export function createCoupon(ctx: SandboxContext, params: Params): Coupon {
  rejectUnknownParams(
    params,
    '',
    [
      'id',
      'amount_off',
      'currency',
      'percent_off',
      'duration',
      'duration_in_months',
      'max_redemptions',
      'redeem_by',
      'name',
      'metadata',
      'expand',
    ],
    {
      applies_to: () => false,
      currency_options: () => false,
    },
  );
  const amountOff = readInteger(params, 'amount_off', '', { min: 1 }) ?? null;
  const percentOff = readDecimal(params, 'percent_off', '', { min: 0, max: 100, exclusiveMin: true }) ?? null;
  if (amountOff === null && percentOff === null) {
    throw invalidParam('amount_off', 'You must pass either amount_off or percent_off.', 'parameter_missing');
  }
  if (amountOff !== null && percentOff !== null) {
    throw invalidParam(
      'percent_off',
      'You may only specify one of these parameters: amount_off, percent_off.',
      'parameters_exclusive',
    );
  }
  const currency = readCurrency(params, 'currency', '') ?? null;
  if (amountOff !== null && currency === null) {
    throw invalidParam('currency', 'You must pass currency when passing amount_off.', 'parameter_missing');
  }
  const duration = readEnum(params, 'duration', '', ['once', 'repeating', 'forever']) ?? 'once';
  const durationInMonths = readInteger(params, 'duration_in_months', '', { min: 1 }) ?? null;
  if (duration === 'repeating' && durationInMonths === null)
    throw invalidParam('duration_in_months', 'Missing required param: duration_in_months.', 'parameter_missing');
  const id = readString(params, 'id', '', { maxLength: 200 }) ?? createCouponId();
  if (ctx.state.coupons.has(id)) {
    throw invalidRequest('Coupon already exists.', { code: 'resource_already_exists', param: 'id' });
  }
  const coupon = buildCoupon(
    {
      id,
      amountOff,
      percentOff,
      currency: amountOff !== null ? currency : null,
      duration,
      durationInMonths: duration === 'repeating' ? durationInMonths : null,
      maxRedemptions: readInteger(params, 'max_redemptions', '', { min: 1 }) ?? null,
      redeemBy: readInteger(params, 'redeem_by', '', { min: 1 }) ?? null,
      name: readString(params, 'name', '', { maxLength: 40 }) ?? null,
      metadata: readMetadata(params, 'metadata', '') ?? {},
    },
    ctx.clock.nowSeconds(),
  );
  ctx.state.coupons.set(coupon.id, coupon);
  return coupon;
}
