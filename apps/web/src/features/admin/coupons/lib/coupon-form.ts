import { ZCouponCodeSchema, type TCoupon, type TCouponInput, type TCouponPatch } from '@mercato/shared';
import { z } from 'zod';
import { describeMoneyInputError, formatMoneyInput, parseMoneyInput } from '../../../../lib/money-input.js';

/** The coupon form as typed: numbers and dates are the inputs' strings, converted only on submit. */
export interface CouponFormValues {
  code: string;
  description: string;
  type: 'percent' | 'fixed';
  /** Percent (1–100) or an amount in major units, depending on `type`. */
  value: string;
  /** `datetime-local` values in the admin's time zone; empty = no bound. */
  startsAt: string;
  endsAt: string;
  /** Major units; empty = no minimum. */
  minSubtotal: string;
  /** Whole numbers; empty = unlimited. */
  usageLimit: string;
  perCustomerLimit: string;
  active: boolean;
  categoryIds: string[];
}

export const EMPTY_COUPON_FORM: CouponFormValues = {
  code: '',
  description: '',
  type: 'percent',
  value: '',
  startsAt: '',
  endsAt: '',
  minSubtotal: '',
  usageLimit: '',
  perCustomerLimit: '1',
  active: true,
  categoryIds: [],
};

const WHOLE = /^\d{1,9}$/;

/** A `datetime-local` value ("2026-03-12T10:00", the admin's local time) as an ISO instant; empty stays null. */
export function fromLocalDateTime(text: string): string | null {
  if (text.trim() === '') return null;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** An ISO instant as a `datetime-local` value in the admin's time zone. */
export function toLocalDateTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function limit(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

/** Client rules, matching the API's (packages/shared admin/coupons.ts) with messages an admin can act on. */
export function createCouponFormSchema(digits: number) {
  return z
    .object({
      code: z.string(),
      description: z.string().max(200, 'Keep the description under 200 characters'),
      type: z.enum(['percent', 'fixed']),
      value: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      minSubtotal: z.string(),
      usageLimit: z.string(),
      perCustomerLimit: z.string(),
      active: z.boolean(),
      categoryIds: z.array(z.string()),
    })
    .superRefine((values, ctx) => {
      const issue = (path: keyof CouponFormValues, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (!ZCouponCodeSchema.safeParse(values.code).success)
        issue('code', 'Use 3–40 letters, digits, dashes or underscores, like SPRING-10');
      if (values.type === 'percent') {
        const percent = Number(values.value.trim());
        if (!WHOLE.test(values.value.trim()) || percent < 1 || percent > 100)
          issue('value', 'Enter a whole percentage from 1 to 100');
      } else {
        const amount = parseMoneyInput(values.value, digits);
        if (!amount.ok) issue('value', describeMoneyInputError(amount.reason, digits));
        else if (amount.amountMinor === 0) issue('value', 'Enter an amount above zero');
      }
      if (values.minSubtotal.trim() !== '') {
        const minimum = parseMoneyInput(values.minSubtotal, digits);
        if (!minimum.ok) issue('minSubtotal', describeMoneyInputError(minimum.reason, digits));
      }
      for (const field of ['usageLimit', 'perCustomerLimit'] as const) {
        const text = values[field].trim();
        if (text !== '' && (!WHOLE.test(text) || Number(text) < 1))
          issue(field, 'Enter a whole number of at least 1, or leave empty for no limit');
      }
      const starts = fromLocalDateTime(values.startsAt);
      const ends = fromLocalDateTime(values.endsAt);
      if (values.startsAt.trim() !== '' && !starts) issue('startsAt', 'Enter a valid date and time');
      if (values.endsAt.trim() !== '' && !ends) issue('endsAt', 'Enter a valid date and time');
      if (starts && ends && Date.parse(ends) <= Date.parse(starts)) issue('endsAt', 'Must be after the start');
    });
}

function money(text: string, digits: number): number {
  const parsed = parseMoneyInput(text, digits);
  return parsed.ok ? parsed.amountMinor : 0;
}

function couponFields(values: CouponFormValues, digits: number): Omit<TCouponInput, 'code'> {
  return {
    description: values.description.trim(),
    type: values.type,
    value: values.type === 'percent' ? Number(values.value.trim()) : money(values.value, digits),
    startsAt: fromLocalDateTime(values.startsAt),
    endsAt: fromLocalDateTime(values.endsAt),
    minSubtotal: values.minSubtotal.trim() === '' ? 0 : money(values.minSubtotal, digits),
    usageLimit: limit(values.usageLimit),
    perCustomerLimit: limit(values.perCustomerLimit),
    active: values.active,
    categoryIds: values.categoryIds,
  };
}

/** The body of `POST /api/admin/coupons` (amounts in minor units, dates as ISO instants). */
export function toCouponInput(values: CouponFormValues, digits: number): TCouponInput {
  return { code: values.code.trim().toUpperCase(), ...couponFields(values, digits) };
}

/** The body of `PATCH /api/admin/coupons/:id` (the code cannot change: it may already be in carts and orders). */
export function toCouponPatch(values: CouponFormValues, digits: number): TCouponPatch {
  return couponFields(values, digits);
}

/** A stored coupon as form values, for editing. */
export function fromCoupon(coupon: TCoupon, digits: number): CouponFormValues {
  return {
    code: coupon.code,
    description: coupon.description,
    type: coupon.type,
    value: coupon.type === 'percent' ? String(coupon.value) : formatMoneyInput(coupon.value, digits),
    startsAt: toLocalDateTime(coupon.startsAt),
    endsAt: toLocalDateTime(coupon.endsAt),
    minSubtotal: coupon.minSubtotal === 0 ? '' : formatMoneyInput(coupon.minSubtotal, digits),
    usageLimit: coupon.usageLimit === null ? '' : String(coupon.usageLimit),
    perCustomerLimit: coupon.perCustomerLimit === null ? '' : String(coupon.perCustomerLimit),
    active: coupon.active,
    categoryIds: coupon.categoryIds,
  };
}

export type TCouponState = 'active' | 'inactive' | 'scheduled' | 'expired' | 'used-up';

/** Where a coupon stands right now, for the list's status badge. */
export function couponState(coupon: TCoupon, now: number): TCouponState {
  if (!coupon.active) return 'inactive';
  if (coupon.endsAt && Date.parse(coupon.endsAt) <= now) return 'expired';
  if (coupon.startsAt && Date.parse(coupon.startsAt) > now) return 'scheduled';
  if (coupon.usageLimit !== null && coupon.redeemedCount + coupon.reservedCount >= coupon.usageLimit) return 'used-up';
  return 'active';
}
