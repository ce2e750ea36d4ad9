import type { TOrderStatus } from '@mercato/shared';
import type { ObjectId } from 'mongodb';

export interface OrderLineDoc {
  productId: ObjectId;
  /** Absent on orders placed before variants existed: they bought the product's only (default) variant. */
  variantId?: ObjectId;
  /** "Blue / M", "Default": as the variant was called when it was bought. */
  variantTitle?: string;
  sku?: string;
  slug: string;
  name: string;
  imageSrc: string | null;
  categoryId: ObjectId | null;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  /** This line's share of the order discount (largest-remainder split), so refunds and Stripe lines add up. */
  discount: number;
}

export interface TimelineEntry {
  at: Date;
  status: TOrderStatus | null;
  note: string;
  actor: string;
}

export interface RefundRecord {
  id: string;
  amount: number;
  restocked: boolean;
  reason: string;
  idempotencyKey: string;
  createdAt: Date;
}

export interface OrderDoc {
  _id: ObjectId;
  /** Human-readable, unique: M-100001. */
  number: string;
  userId: ObjectId;
  /** Sealed `{email, name}` of the shopper at checkout (context `orders.customer:<id>`); see contact.ts. */
  customer: string;
  /** Blind index of the email, so staff can find a shopper's orders by exact address; absent once anonymised. */
  emailIndex?: string;
  status: TOrderStatus;
  lines: OrderLineDoc[];
  currency: string;
  subtotal: number;
  discount: number;
  shipping: number;
  total: number;
  coupon: { id: ObjectId; code: string } | null;
  /** Sealed JSON of the shipping address (context `order.shippingAddress:<id>`; lib/personal-data). */
  shippingAddress: string;
  /** Kept in clear for reporting; the rest of the address is personal data and stays encrypted. */
  shippingCountry: string;
  stockState: 'reserving' | 'reserved' | 'committed' | 'released';
  payment: {
    checkoutSessionId: string | null;
    checkoutUrl: string | null;
    paymentIntentId: string | null;
    amountPaid: number;
    amountRefunded: number;
  };
  refunds: RefundRecord[];
  timeline: TimelineEntry[];
  /** Side effects of payment already done; each runs once even when fulfilment runs many times. */
  effects: { cart?: boolean; loyalty?: boolean; email?: boolean; notification?: boolean };
  cartFingerprint: string;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  needsReview?: string;
  /** Set when the shopper's personal data was replaced (account erasure, or retention of unpaid orders). */
  anonymisedAt?: Date;
}

export const ORDERS = 'orders';
export const COUNTERS = 'counters';

/** How a line is named to the shopper, to Stripe and in emails: the product, and the variant when there is a choice. */
export function lineLabel(line: Pick<OrderLineDoc, 'name' | 'variantTitle'>): string {
  return line.variantTitle && line.variantTitle !== 'Default' ? `${line.name} — ${line.variantTitle}` : line.name;
}
