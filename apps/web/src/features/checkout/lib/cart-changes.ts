import type { TCart, TCartLine } from '@mercato/shared';
import { formatMoney } from '../../../lib/format-money.js';

/** "Tee (Blue / M)": the product's name, and the variant's title when it has options. */
const nameOf = (line: TCartLine) =>
  line.variantTitle === 'Default' ? line.name : `${line.name} (${line.variantTitle})`;

function lineChanges(before: TCartLine, found: TCartLine | undefined, money: (amount: number) => string): string[] {
  if (!found) return [`${nameOf(before)} is no longer in your cart.`];
  const after = { ...found, name: nameOf(found) };
  if (!after.isPurchasable) return [`${after.name} is no longer available.`];
  const changes: string[] = [];
  if (after.unitPrice !== before.unitPrice)
    changes.push(`${after.name} now costs ${money(after.unitPrice)} (was ${money(before.unitPrice)}).`);
  if (after.quantity !== before.quantity)
    changes.push(`${after.name}: the quantity is now ${after.quantity} (was ${before.quantity}).`);
  const short = after.notices.find((notice) => notice.type === 'insufficient_stock');
  if (short?.type === 'insufficient_stock')
    changes.push(
      short.available > 0 ? `Only ${short.available} of ${after.name} left.` : `${after.name} just sold out.`,
    );
  return changes;
}

function couponChanges(before: TCart, after: TCart, money: (amount: number) => string): string[] {
  const was = before.coupon?.code ?? null;
  const now = after.coupon?.code ?? null;
  if (was && !now) return [`The code ${was} was removed.`];
  if (now && was !== now) return [`The code ${now} is now applied.`];
  if (after.couponProblem) return [after.couponProblem.message];
  if (after.discount !== before.discount)
    return [`Your discount is now ${money(after.discount)} (was ${money(before.discount)}).`];
  return [];
}

/**
 * What changed between the cart the shopper was shown and the cart now (after a CART_CHANGED refusal), as sentences
 * they can check before paying again. Never empty: an unexplained change still gets a sentence.
 */
export function describeCartChanges(before: TCart, after: TCart, locale?: string): string[] {
  const money = (amount: number) => formatMoney(amount, after.currency, locale);
  // One line per variant: two sizes of a product change on their own.
  const afterLines = new Map(after.lines.map((line) => [line.variantId, line]));
  const beforeIds = new Set(before.lines.map((line) => line.variantId));
  const changes = [
    ...before.lines.flatMap((line) => lineChanges(line, afterLines.get(line.variantId), money)),
    ...after.lines.filter((line) => !beforeIds.has(line.variantId)).map((line) => `${nameOf(line)} was added.`),
    ...couponChanges(before, after, money),
  ];
  if (after.shipping !== before.shipping)
    changes.push(
      after.shipping === 0
        ? 'Shipping is now free.'
        : `Shipping is now ${money(after.shipping)} (was ${money(before.shipping)}).`,
    );
  if (after.total !== before.total)
    changes.push(`The total is now ${money(after.total)} (was ${money(before.total)}).`);
  return changes.length > 0 ? changes : ['Your cart was updated. Please check it before paying.'];
}
