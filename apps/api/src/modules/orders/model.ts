import type { TOrderStatus } from '@mercato/shared';
import type { ObjectId } from 'mongodb';

export interface OrderLineDoc {
  productId: ObjectId;
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
  email: string;
  customerName: string;
  status: TOrderStatus;
  lines: OrderLineDoc[];
  currency: string;
  subtotal: number;
  discount: number;
  shipping: number;
  total: number;
  coupon: { id: ObjectId; code: string } | null;
  /** AES-256-GCM sealed JSON of the shipping address (see lib/field-encryption). */
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
}

export const ORDERS = 'orders';
export const COUNTERS = 'counters';
