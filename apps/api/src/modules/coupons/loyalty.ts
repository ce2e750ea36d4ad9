import { randomBytes } from 'node:crypto';
import { ObjectId } from 'mongodb';
import type { Mailer } from '../mail/mailer.js';
import { renderEmail } from '../mail/layout.js';
import { formatMoney } from '../../lib/money.js';
import type { CouponDoc } from './model.js';
import type { CouponsRepo } from './repo.js';

const LOYALTY_PERCENT = 10;
const VALID_DAYS = 30;

export interface PaidOrderFacts {
  orderId: ObjectId;
  orderNumber: string;
  userId: ObjectId;
  email: string;
  name: string;
  total: number;
  currency: string;
  /** Set only when the shopper opted in to marketing email: the thank-you code is promotional. */
  marketing: { unsubscribeUrl: string } | null;
}

/**
 * The loyalty rule: a paid order of at least `threshold` earns its customer a personal, single-use 10% code valid
 * 30 days. Issued at most once per order (unique index on the source order), so running fulfilment twice is safe.
 * The email goes out whenever the order's coupon exists, under a dedupe key of its own: a crash between issuing the
 * code and sending it is finished by the next run, and no run sends it twice.
 */
export async function issueLoyaltyCoupon(
  deps: { coupons: CouponsRepo; mailer: Mailer; storeName: string; publicUrl: string; threshold: number },
  order: PaidOrderFacts,
): Promise<CouponDoc | null> {
  if (order.total < deps.threshold) return null;
  const coupon = await insertOnce(deps.coupons, order);
  // Without consent the code is still theirs (account → coupons); only the promotional email is not sent.
  if (!order.marketing) return coupon;
  await deps.mailer.send({
    to: order.email,
    tag: 'coupon.loyalty',
    dedupeKey: `coupon.loyalty:${order.orderId.toHexString()}`,
    ...renderEmail(deps.storeName, {
      subject: `A thank-you: ${LOYALTY_PERCENT}% off your next order`,
      paragraphs: [
        `Hi ${order.name},`,
        `Thank you for your order ${order.orderNumber} (${formatMoney(order.total, order.currency)}). Here is ${LOYALTY_PERCENT}% off your next order, just for you.`,
        `Your code: ${coupon.code}. It works once and is valid until ${coupon.endsAt?.toISOString().slice(0, 10)}.`,
      ],
      action: { label: 'Shop now', url: deps.publicUrl },
      footer: `You get this email because you asked for offers. Unsubscribe: ${order.marketing.unsubscribeUrl}`,
    }),
  });
  return coupon;
}

/** The order's loyalty coupon: inserted now, or the one an earlier run inserted. A colliding random code is redrawn. */
async function insertOnce(repo: CouponsRepo, order: PaidOrderFacts): Promise<CouponDoc> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const coupon = loyaltyCoupon(order, new Date());
    if (await repo.insertCoupon(coupon)) return coupon;
    const existing = await repo.findBySourceOrder(order.orderId);
    if (existing) return existing;
  }
  throw new Error(`no free loyalty code for order ${order.orderId.toHexString()}`);
}

function loyaltyCoupon(order: PaidOrderFacts, now: Date): CouponDoc {
  return {
    _id: new ObjectId(),
    code: `THANKS-${randomBytes(4).toString('hex').toUpperCase()}`,
    description: `Thank you for order ${order.orderNumber}: ${LOYALTY_PERCENT}% off your next order`,
    type: 'percent',
    value: LOYALTY_PERCENT,
    startsAt: now,
    endsAt: new Date(now.getTime() + VALID_DAYS * 24 * 60 * 60 * 1000),
    minSubtotal: 0,
    usageLimit: 1,
    remaining: 1,
    redeemedCount: 0,
    reservedCount: 0,
    perCustomerLimit: 1,
    active: true,
    categoryIds: [],
    source: 'loyalty',
    ownerUserId: order.userId,
    sourceOrderId: order.orderId,
    createdAt: now,
    updatedAt: now,
  };
}
