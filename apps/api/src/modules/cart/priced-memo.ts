import type { PricingProduct } from '../catalog/store-service.js';
import type { CouponDoc } from '../coupons/model.js';
import type { CartDoc } from './model.js';

/** Everything a cart's price depends on besides the cart itself and the shop's settings. */
export interface PricingInputs {
  products: readonly PricingProduct[];
  coupon: CouponDoc | null;
  usesByCustomer: number;
}

interface Priced {
  inputs: PricingInputs;
  json: string;
  /** The clock matters only where a coupon starts or ends: the answer holds until the next such moment. */
  validUntil: number;
}

/**
 * A priced, serialised cart kept with the very cached objects it was priced from. The caches hand out the same
 * frozen object for as long as what it copies is unchanged, and a new one once anything is invalidated; so when the
 * cart, every product and the coupon are the same objects as last time (and no coupon boundary has passed), the
 * answer is the same text, and pricing and serialising again would only burn CPU. Anything read from Redis or
 * MongoDB (memory layer bypassed, Redis down, cache off) is a fresh object and is priced afresh, as before.
 * Keyed weakly on the cart object: when the cache lets go of it, this goes with it.
 */
export function createPricedMemo() {
  const memo = new WeakMap<CartDoc, Priced>();
  return {
    get(cart: CartDoc, inputs: PricingInputs, now: number): string | undefined {
      const known = memo.get(cart);
      if (!known || now >= known.validUntil || !isSame(known.inputs, inputs)) return undefined;
      return known.json;
    },
    set(cart: CartDoc, inputs: PricingInputs, now: number, json: string): void {
      // Only cache-held (frozen) carts can come back as the same object; anything else would never be asked again.
      if (Object.isFrozen(cart)) memo.set(cart, { inputs, json, validUntil: nextBoundary(inputs.coupon, now) });
    },
  };
}

function isSame(a: PricingInputs, b: PricingInputs): boolean {
  if (a.coupon !== b.coupon || a.usesByCustomer !== b.usesByCustomer) return false;
  if (a.products.length !== b.products.length) return false;
  return a.products.every((product, index) => product === b.products[index]);
}

function nextBoundary(coupon: CouponDoc | null, now: number): number {
  const moments = [coupon?.startsAt, coupon?.endsAt]
    .map((date) => date?.getTime())
    .filter((time): time is number => time !== undefined && time > now);
  return Math.min(Infinity, ...moments);
}
