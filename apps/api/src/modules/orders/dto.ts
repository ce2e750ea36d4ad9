import type { TAdminOrder, TOrder, TOrderSummary } from '@mercato/shared';
import type { PersonalData } from '../../lib/personal-data.js';
import { openOrderAddress, openOrderContact } from './contact.js';
import type { OrderDoc } from './model.js';
import { ORDER_TRANSITIONS } from './status.js';

export function toOrderSummary(order: OrderDoc): TOrderSummary {
  return {
    id: order._id.toHexString(),
    number: order.number,
    status: order.status,
    currency: order.currency,
    total: order.total,
    itemCount: order.lines.reduce((sum, line) => sum + line.quantity, 0),
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
  };
}

export function toOrder(order: OrderDoc, personal: PersonalData): TOrder {
  return {
    ...toOrderSummary(order),
    lines: order.lines.map((line) => ({
      productId: line.productId.toHexString(),
      variantId: line.variantId?.toHexString() ?? null,
      variantTitle: line.variantTitle ?? 'Default',
      sku: line.sku ?? null,
      slug: line.slug,
      name: line.name,
      imageSrc: line.imageSrc,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      lineTotal: line.lineTotal,
      discount: line.discount,
    })),
    subtotal: order.subtotal,
    discount: order.discount,
    shipping: order.shipping,
    couponCode: order.coupon?.code ?? null,
    amountRefunded: order.payment.amountRefunded,
    shippingAddress: openOrderAddress(personal, order),
    // Customers see what happened, not who on the staff did it.
    timeline: order.timeline.map((entry) => ({ at: entry.at.toISOString(), status: entry.status, note: entry.note })),
    checkoutUrl: order.status === 'pending_payment' ? order.payment.checkoutUrl : null,
  };
}

export function toAdminOrder(order: OrderDoc, personal: PersonalData): TAdminOrder {
  const contact = openOrderContact(personal, order);
  return {
    ...toOrder(order, personal),
    email: contact.email,
    customerName: contact.name,
    userId: order.userId.toHexString(),
    refunds: order.refunds.map((refund) => ({
      id: refund.id,
      amount: refund.amount,
      restocked: refund.restocked,
      reason: refund.reason,
      createdAt: refund.createdAt.toISOString(),
    })),
    payment: {
      checkoutSessionId: order.payment.checkoutSessionId,
      paymentIntentId: order.payment.paymentIntentId,
      amountPaid: order.payment.amountPaid,
    },
    allowedTransitions: [...ORDER_TRANSITIONS[order.status]],
    timeline: order.timeline.map((entry) => ({
      at: entry.at.toISOString(),
      status: entry.status,
      note:
        entry.actor === 'customer' || entry.actor === 'system' || entry.actor === 'stripe'
          ? entry.note
          : `${entry.note} (${entry.actor})`,
    })),
  };
}
