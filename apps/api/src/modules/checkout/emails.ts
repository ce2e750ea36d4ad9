import type { TShippingAddress } from '@mercato/shared';
import { escapeHtml } from '../../lib/html.js';
import { formatMoney } from '../../lib/money.js';
import type { MailMessage } from '../mail/mailer.js';
import type { OrderContact } from '../orders/contact.js';
import { lineLabel, type OrderDoc } from '../orders/model.js';

interface Shop {
  storeName: string;
  publicUrl: string;
}

/** The order confirmation, in HTML and text, with lines, totals and the shipping address. */
export function confirmationEmail(
  shop: Shop,
  order: OrderDoc,
  contact: OrderContact,
  address: TShippingAddress,
): MailMessage {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const link = `${shop.publicUrl}/orders/${order._id.toHexString()}`;
  const totals: [string, number][] = [
    ['Subtotal', order.subtotal],
    ...(order.discount > 0
      ? [[`Discount${order.coupon ? ` (${order.coupon.code})` : ''}`, -order.discount] as [string, number]]
      : []),
    ['Shipping', order.shipping],
    ['Total', order.total],
  ];
  const addressLines = [
    address.name,
    address.line1,
    address.line2,
    `${address.postalCode} ${address.city}`,
    address.country,
  ].filter(Boolean);

  const text = [
    `Thank you for your order ${order.number}.`,
    '',
    ...order.lines.map((line) => `${line.quantity} × ${lineLabel(line)} — ${money(line.lineTotal)}`),
    '',
    ...totals.map(([label, amount]) => `${label}: ${amount < 0 ? `−${money(-amount)}` : money(amount)}`),
    '',
    'Shipping to:',
    ...addressLines,
    '',
    `View your order: ${link}`,
    '',
    `— ${shop.storeName}`,
  ].join('\n');

  const cell = 'padding:6px 0;border-bottom:1px solid #e5e7eb';
  const rows = order.lines
    .map(
      (line) =>
        `<tr><td style="${cell}">${line.quantity} × ${escapeHtml(lineLabel(line))}</td><td style="${cell};text-align:right">${escapeHtml(money(line.lineTotal))}</td></tr>`,
    )
    .join('');
  const totalRows = totals
    .map(
      ([label, amount]) =>
        `<tr><td style="padding:4px 0${label === 'Total' ? ';font-weight:bold' : ''}">${escapeHtml(label)}</td><td style="padding:4px 0;text-align:right${label === 'Total' ? ';font-weight:bold' : ''}">${escapeHtml(amount < 0 ? `−${money(-amount)}` : money(amount))}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f9fafb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827"><div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px"><h1 style="font-size:20px;margin:0 0 8px">Thank you for your order</h1><p style="margin:0 0 24px;color:#4b5563">Order ${escapeHtml(order.number)}</p><table style="width:100%;border-collapse:collapse">${rows}</table><table style="width:100%;margin-top:16px">${totalRows}</table><h2 style="font-size:16px;margin:24px 0 8px">Shipping to</h2><p style="margin:0;line-height:1.5">${addressLines.map(escapeHtml).join('<br>')}</p><p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#111827;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">View your order</a></p><p style="margin:32px 0 0;color:#6b7280">— ${escapeHtml(shop.storeName)}</p></div></body></html>`;
  return {
    to: contact.email,
    subject: `Order ${order.number} confirmed`,
    text,
    html,
    tag: 'order.confirmation',
    dedupeKey: `order.confirmation:${order._id.toHexString()}`,
  };
}
