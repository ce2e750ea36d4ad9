import { computeSessionAmounts } from '../amounts/session-amounts.js';
import type { SandboxContext } from '../context.js';
import type { SessionRecord } from '../state/sandbox-state.js';

/**
 * Switches the session to another of its shipping options (the customer's choice on the hosted page) and recomputes
 * `shipping_cost`, `total_details.amount_shipping` and `amount_total`. Unknown rate ids are ignored.
 */
export function selectShippingRate(ctx: SandboxContext, record: SessionRecord, rateId: string): void {
  const { session } = record;
  const option = session.shipping_options.find((candidate) => candidate.shipping_rate === rateId);
  const rate = option ? ctx.state.shippingRates.get(rateId) : undefined;
  if (!rate || (session.shipping_cost && session.shipping_cost.shipping_rate === rateId)) return;
  const couponId = session.discounts[0]?.coupon;
  const coupon = couponId ? ctx.state.coupons.get(couponId) : undefined;
  const amounts = computeSessionAmounts(
    record.lineItems.map((item) => ({ unitAmount: item.price.unit_amount, quantity: item.quantity })),
    coupon ? { amountOff: coupon.amount_off, percentOff: coupon.percent_off } : null,
    rate.fixed_amount.amount,
  );
  session.shipping_cost = {
    amount_subtotal: amounts.shipping,
    amount_tax: 0,
    amount_total: amounts.shipping,
    shipping_rate: rate.id,
  };
  session.total_details.amount_shipping = amounts.shipping;
  session.amount_total = amounts.total;
}
