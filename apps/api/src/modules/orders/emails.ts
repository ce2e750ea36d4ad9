import { formatMoney } from '../../lib/money.js';
import { renderEmail } from '../mail/layout.js';
import type { MailMessage } from '../mail/mailer.js';
import type { OrderContact } from './contact.js';
import type { OrderDoc } from './model.js';

interface Shop {
  storeName: string;
  publicUrl: string;
}

export function shippedEmail(
  shop: Shop,
  order: OrderDoc,
  contact: OrderContact,
  note: string | undefined,
): MailMessage {
  return {
    to: contact.email,
    tag: 'order.shipped',
    dedupeKey: `order.shipped:${order._id.toHexString()}`,
    ...renderEmail(shop.storeName, {
      subject: `Order ${order.number} is on its way`,
      paragraphs: [
        `Hi ${contact.name},`,
        `Good news: your order ${order.number} has shipped.`,
        ...(note ? [note] : []),
      ],
      action: { label: 'Track your order', url: `${shop.publicUrl}/orders/${order._id.toHexString()}` },
    }),
  };
}

export function refundedEmail(
  shop: Shop,
  order: OrderDoc,
  contact: OrderContact,
  refundId: string,
  amount: number,
): MailMessage {
  const isFull = order.payment.amountRefunded >= order.payment.amountPaid;
  return {
    to: contact.email,
    tag: 'order.refunded',
    dedupeKey: `order.refunded:${refundId}`,
    ...renderEmail(shop.storeName, {
      subject: `Refund for order ${order.number}`,
      paragraphs: [
        `Hi ${contact.name},`,
        `We have refunded ${formatMoney(amount, order.currency)} for order ${order.number}${isFull ? ' (the full amount)' : ''}.`,
        'It usually appears on your statement within 5–10 business days.',
      ],
      action: { label: 'View your order', url: `${shop.publicUrl}/orders/${order._id.toHexString()}` },
    }),
  };
}
