import { z } from 'zod';
import { formatMoney } from '../../../../lib/format-money.js';
import { describeMoneyInputError, parseMoneyInput } from '../../../../lib/money-input.js';

/** The refund dialog as typed: the amount is the text in the input (major units), converted only on submit. */
export interface RefundFormValues {
  amount: string;
  restock: boolean;
  reason: string;
}

export const EMPTY_REFUND_FORM: RefundFormValues = { amount: '', restock: false, reason: '' };

/** What can still be refunded: what was paid minus what was already refunded. */
export function refundableAmount(order: { payment: { amountPaid: number }; amountRefunded: number }): number {
  return Math.max(0, order.payment.amountPaid - order.amountRefunded);
}

/** The amount in minor units; an empty field means everything refundable. */
export function refundAmountMinor(text: string, digits: number, refundable: number): number | null {
  if (text.trim() === '') return refundable;
  const parsed = parseMoneyInput(text, digits);
  return parsed.ok ? parsed.amountMinor : null;
}

/** Client rules for the refund dialog, matching the API's: above zero, at most the refundable amount, restock only in full. */
export function createRefundFormSchema(currency: string, digits: number, refundable: number) {
  return z
    .object({
      amount: z.string(),
      restock: z.boolean(),
      reason: z.string().max(500, 'Keep the reason under 500 characters'),
    })
    .superRefine((values, ctx) => {
      if (values.amount.trim() !== '') {
        const parsed = parseMoneyInput(values.amount, digits);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', path: ['amount'], message: describeMoneyInputError(parsed.reason, digits) });
          return;
        }
        if (parsed.amountMinor === 0)
          ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter an amount above zero' });
        if (parsed.amountMinor > refundable)
          ctx.addIssue({
            code: 'custom',
            path: ['amount'],
            message: `At most ${formatMoney(refundable, currency)} can be refunded`,
          });
      }
      if (values.restock && refundAmountMinor(values.amount, digits, refundable) !== refundable)
        ctx.addIssue({
          code: 'custom',
          path: ['restock'],
          message: 'Items can only go back to stock with a full refund',
        });
    });
}

/**
 * The body of `POST /api/admin/orders/:id/refunds`. A full refund omits the amount (the API then refunds exactly what
 * is left, even if a partial refund landed meanwhile); the key is the dialog's, so a double submit refunds once.
 */
export function toRefundRequest(
  values: RefundFormValues,
  digits: number,
  refundable: number,
  idempotencyKey: string,
): { amount?: number; restock: boolean; reason: string; idempotencyKey: string } {
  const amount = refundAmountMinor(values.amount, digits, refundable);
  const isFull = amount === refundable;
  return {
    ...(isFull || amount === null ? {} : { amount }),
    restock: isFull && values.restock,
    reason: values.reason.trim(),
    idempotencyKey,
  };
}

/** A fresh idempotency key (hex from the platform CSPRNG; randomUUID is missing on plain-HTTP origins). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `refund_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
