import type { TGuestCart } from '@mercato/shared';
import { MAX_LINE_QUANTITY, OBJECT_ID_PATTERN } from '@mercato/shared/constants';

/** localStorage key of the guest cart. It holds product and variant ids and quantities only, never prices or names. */
export const GUEST_CART_STORAGE_KEY = 'mercato.guest-cart';
/** The most lines the API accepts in a preview or merge. */
export const MAX_GUEST_LINES = 100;

export type TGuestCartItem = TGuestCart['items'][number];

/** What a guest add did: the new items, or why nothing changed (the stock or the per-line maximum). */
export type TGuestAddResult =
  | { ok: true; items: TGuestCartItem[] }
  | { ok: false; reason: 'stock' | 'line-maximum' | 'too-many-lines'; available: number; inCart: number };

function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID_PATTERN.test(value);
}

function isItem(value: unknown): value is { productId: unknown; variantId?: unknown; quantity: unknown } {
  return typeof value === 'object' && value !== null && 'productId' in value && 'quantity' in value;
}

/**
 * Whether `item` is the cart line of this product and variant: one line per variant. An item kept without a variant
 * (a product sold one way, or stored before variants existed) is the line of the product's only variant.
 */
export function isGuestLine(item: TGuestCartItem, productId: string, variantId?: string): boolean {
  return item.productId === productId && (!item.variantId || !variantId || item.variantId === variantId);
}

function withVariant(productId: string, variantId: string | undefined, quantity: number): TGuestCartItem {
  return variantId ? { productId, variantId, quantity } : { productId, quantity };
}

/**
 * Reads the stored guest cart. Whatever is in storage was written by some version of this app or edited by hand,
 * so each entry is checked on its own: bad entries are dropped, duplicates summed, quantities capped to 99.
 */
export function parseGuestCart(raw: string | null): TGuestCartItem[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  const entries: unknown[] =
    typeof data === 'object' && data !== null && 'items' in data && Array.isArray(data.items) ? data.items : [];
  const lines = new Map<string, TGuestCartItem>();
  for (const entry of entries) {
    if (!isItem(entry) || !isObjectId(entry.productId)) continue;
    const { quantity, variantId } = entry;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) continue;
    if (variantId !== undefined && !isObjectId(variantId)) continue;
    const key = `${entry.productId}/${variantId ?? ''}`;
    const sum = Math.min(MAX_LINE_QUANTITY, (lines.get(key)?.quantity ?? 0) + quantity);
    lines.set(key, withVariant(entry.productId, variantId, sum));
  }
  return [...lines.values()].slice(0, MAX_GUEST_LINES);
}

/** The stored form of the guest cart (versioned, so a later format can tell old data apart). */
export function serializeGuestCart(items: readonly TGuestCartItem[]): string {
  return JSON.stringify({ v: 1, items });
}

/**
 * Adds `quantity` of a product's variant, summing with the line already there, within the known stock and 99 a line; a
 * request beyond either changes nothing and says why (the server would refuse it the same way for a signed-in cart).
 */
export function addGuestItem(
  items: readonly TGuestCartItem[],
  productId: string,
  variantId: string | undefined,
  quantity: number,
  stock: number,
): TGuestAddResult {
  const existing = items.find((item) => isGuestLine(item, productId, variantId));
  const inCart = existing?.quantity ?? 0;
  const wanted = inCart + quantity;
  if (wanted > stock) return { ok: false, reason: 'stock', available: stock, inCart };
  if (wanted > MAX_LINE_QUANTITY) return { ok: false, reason: 'line-maximum', available: MAX_LINE_QUANTITY, inCart };
  if (!existing && items.length >= MAX_GUEST_LINES)
    return { ok: false, reason: 'too-many-lines', available: 0, inCart };
  const next = existing
    ? items.map((item) => (item === existing ? { ...item, quantity: wanted } : item))
    : [...items, withVariant(productId, variantId, quantity)];
  return { ok: true, items: next };
}

/** Sets a line's quantity (clamped to 1…99); an unknown line changes nothing. */
export function setGuestQuantity(
  items: readonly TGuestCartItem[],
  productId: string,
  variantId: string | undefined,
  quantity: number,
): TGuestCartItem[] {
  const clamped = Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.trunc(quantity)));
  return items.map((item) => (isGuestLine(item, productId, variantId) ? { ...item, quantity: clamped } : item));
}

/** Removes a line (one variant of a product; its other variants stay). */
export function removeGuestItem(
  items: readonly TGuestCartItem[],
  productId: string,
  variantId?: string,
): TGuestCartItem[] {
  return items.filter((item) => !isGuestLine(item, productId, variantId));
}

/** Total quantity, for the header badge. */
export function countGuestItems(items: readonly TGuestCartItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0);
}

/**
 * The body of `POST /api/cart/merge` (and of the guest preview): only entries the API's schema (`ZGuestCartSchema`)
 * accepts, so one corrupt entry can never make the whole merge fail and lose the rest. Null when there is nothing
 * to send. Checked by hand rather than with the schema, which would bring zod into the first-load bundle.
 */
export function toGuestCartPayload(items: readonly TGuestCartItem[]): TGuestCart | null {
  const valid = items.filter(
    (item) =>
      isObjectId(item.productId) &&
      (item.variantId === undefined || isObjectId(item.variantId)) &&
      Number.isInteger(item.quantity) &&
      item.quantity >= 1 &&
      item.quantity <= MAX_LINE_QUANTITY,
  );
  if (valid.length === 0) return null;
  return {
    items: valid
      .slice(0, MAX_GUEST_LINES)
      .map(({ productId, variantId, quantity }) => withVariant(productId, variantId, quantity)),
  };
}
