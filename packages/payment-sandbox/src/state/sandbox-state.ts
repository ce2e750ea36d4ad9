import type {
  Charge,
  CheckoutSession,
  Coupon,
  Discount,
  LineItem,
  PaymentError,
  PaymentIntent,
  Product,
  Refund,
  ShippingRate,
  StripeEvent,
} from '../objects/types.js';
import type { CardOutcome } from '../cards/card-outcomes.js';
import type { CardDetails } from '../objects/types.js';

/** A session with what Stripe keeps beside it: its line items, the applied discount and the last payment error. */
export interface SessionRecord {
  session: CheckoutSession;
  lineItems: LineItem[];
  discount: Discount | null;
  /** The error shown on the hosted page after a declined attempt (cleared by the next attempt). */
  lastError: PaymentError | null;
  /** `payment_intent_data`, applied when the customer first confirms and the PaymentIntent is created. */
  paymentIntentData: {
    metadata: Record<string, string>;
    description: string | null;
    receiptEmail: string | null;
    statementDescriptor: string | null;
    statementDescriptorSuffix: string | null;
    captureMethod: 'automatic' | 'automatic_async';
  };
}

/** A 3-D Secure challenge waiting for the customer's Complete / Fail answer. */
export interface PendingChallenge {
  id: string;
  sessionId: string;
  paymentIntentId: string;
  paymentMethodId: string;
  card: CardDetails;
  billing: { email: string; name: string; country: string | null; postalCode: string | null };
  /** What happens once the customer authenticates. */
  then: CardOutcome;
  settled: boolean;
}

/**
 * Everything the sandbox knows, in memory. Maps keep insertion order, which is creation order, so lists (newest first)
 * are the reversed values. A restart loses it all, which the README documents.
 */
export class SandboxState {
  readonly sessions = new Map<string, SessionRecord>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly coupons = new Map<string, Coupon>();
  readonly products = new Map<string, Product>();
  readonly shippingRates = new Map<string, ShippingRate>();
  readonly events = new Map<string, StripeEvent>();
  readonly challenges = new Map<string, PendingChallenge>();

  /** Finds any expandable object by its id prefix (used by `expand[]`). */
  findById(id: string): object | undefined {
    if (id.startsWith('pi_')) return this.paymentIntents.get(id);
    if (id.startsWith('ch_')) return this.charges.get(id);
    if (id.startsWith('re_')) return this.refunds.get(id);
    if (id.startsWith('prod_')) return this.products.get(id);
    if (id.startsWith('shr_')) return this.shippingRates.get(id);
    if (id.startsWith('cs_')) return this.sessions.get(id)?.session;
    return this.coupons.get(id);
  }
}
