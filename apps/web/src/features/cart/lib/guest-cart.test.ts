import { ZGuestCartSchema } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import {
  addGuestItem,
  countGuestItems,
  parseGuestCart,
  removeGuestItem,
  serializeGuestCart,
  setGuestQuantity,
  toGuestCartPayload,
} from './guest-cart.js';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);

describe('guest cart storage', () => {
  it('when a cart is serialized and parsed back, then the same items come out', () => {
    const items = [
      { productId: A, quantity: 2 },
      { productId: B, quantity: 1 },
    ];

    expect(parseGuestCart(serializeGuestCart(items))).toEqual(items);
  });

  it('when storage is empty, not JSON or of another shape, then the cart is empty', () => {
    expect(parseGuestCart(null)).toEqual([]);
    expect(parseGuestCart('{not json')).toEqual([]);
    expect(parseGuestCart('[1,2]')).toEqual([]);
    expect(parseGuestCart('{"items":"nope"}')).toEqual([]);
  });

  it('when some entries are malformed, then only those are dropped', () => {
    const raw = JSON.stringify({
      items: [
        { productId: A, quantity: 2 },
        { productId: 'not-an-id', quantity: 1 },
        { productId: B, quantity: 1.5 },
        { productId: B, quantity: 0 },
        { productId: B, quantity: '3' },
        { productId: B, quantity: 3, price: 1 },
      ],
    });

    expect(parseGuestCart(raw)).toEqual([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 3 },
    ]);
  });

  it('when storage holds duplicates or more than 99 of a product, then they are summed and capped', () => {
    const raw = JSON.stringify({
      items: [
        { productId: A, quantity: 60 },
        { productId: A, quantity: 60 },
      ],
    });

    expect(parseGuestCart(raw)).toEqual([{ productId: A, quantity: 99 }]);
  });

  it('when prices sneak into storage, then they are not kept', () => {
    const raw = JSON.stringify({ items: [{ productId: A, quantity: 1, unitPrice: 1 }] });

    expect(serializeGuestCart(parseGuestCart(raw))).not.toContain('unitPrice');
  });
});

describe('guest cart changes', () => {
  it('when a product already in the cart is added again, then the quantities are summed', () => {
    const result = addGuestItem([{ productId: A, quantity: 2 }], A, undefined, 3, 10);

    expect(result).toEqual({ ok: true, items: [{ productId: A, quantity: 5 }] });
  });

  it('when the sum would exceed the stock, then nothing changes and the stock and cart quantity are reported', () => {
    const result = addGuestItem([{ productId: A, quantity: 2 }], A, undefined, 3, 4);

    expect(result).toEqual({ ok: false, reason: 'stock', available: 4, inCart: 2 });
  });

  it('when the sum would exceed 99, then the per-line maximum is the reason', () => {
    const result = addGuestItem([{ productId: A, quantity: 98 }], A, undefined, 2, 500);

    expect(result).toMatchObject({ ok: false, reason: 'line-maximum', available: 99 });
  });

  it('when a quantity is set outside 1…99, then it is clamped; removing drops the line', () => {
    const items = [
      { productId: A, quantity: 2 },
      { productId: B, quantity: 1 },
    ];

    expect(setGuestQuantity(items, A, undefined, 0)).toEqual([{ productId: A, quantity: 1 }, items[1]]);
    expect(setGuestQuantity(items, A, undefined, 150)).toEqual([{ productId: A, quantity: 99 }, items[1]]);
    expect(removeGuestItem(items, A)).toEqual([items[1]]);
    expect(countGuestItems(items)).toBe(3);
  });
});

describe('guest cart lines per variant', () => {
  const V1 = '1'.repeat(24);
  const V2 = '2'.repeat(24);

  it('when two sizes of a product are added, then they are two lines, each summed and bounded by its own stock', () => {
    const first = addGuestItem([], A, V1, 2, 3);
    const second = first.ok ? addGuestItem(first.items, A, V2, 1, 1) : first;
    const again = second.ok ? addGuestItem(second.items, A, V1, 1, 3) : second;

    expect(again).toEqual({
      ok: true,
      items: [
        { productId: A, variantId: V1, quantity: 3 },
        { productId: A, variantId: V2, quantity: 1 },
      ],
    });
    expect(second.ok && addGuestItem(second.items, A, V2, 1, 1)).toMatchObject({ ok: false, reason: 'stock' });
  });

  it("when one variant's quantity is set or it is removed, then the product's other variant is untouched", () => {
    const items = [
      { productId: A, variantId: V1, quantity: 2 },
      { productId: A, variantId: V2, quantity: 1 },
    ];

    expect(setGuestQuantity(items, A, V2, 5)).toEqual([items[0], { productId: A, variantId: V2, quantity: 5 }]);
    expect(removeGuestItem(items, A, V1)).toEqual([items[1]]);
  });

  it('when storage holds variants, then they survive a round trip, duplicates are summed per variant and bad ids dropped', () => {
    const raw = JSON.stringify({
      items: [
        { productId: A, variantId: V1, quantity: 1 },
        { productId: A, variantId: V1, quantity: 2 },
        { productId: A, variantId: 'nope', quantity: 1 },
        { productId: A, quantity: 4 },
      ],
    });

    const items = parseGuestCart(raw);

    expect(items).toEqual([
      { productId: A, variantId: V1, quantity: 3 },
      { productId: A, quantity: 4 },
    ]);
    expect(toGuestCartPayload(items)).toEqual({ items });
    expect(ZGuestCartSchema.safeParse(toGuestCartPayload(items)).success).toBe(true);
  });
});

describe('merge payload', () => {
  it('when the cart has items, then the payload is exactly the ids and quantities', () => {
    const payload = toGuestCartPayload([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 1 },
    ]);

    expect(payload).toEqual({
      items: [
        { productId: A, quantity: 2 },
        { productId: B, quantity: 1 },
      ],
    });
  });

  it('when the cart is empty or only holds invalid entries, then there is nothing to merge', () => {
    expect(toGuestCartPayload([])).toBeNull();
    expect(toGuestCartPayload([{ productId: 'x', quantity: 1 }])).toBeNull();
  });

  it('when one entry is invalid, then the others are still sent', () => {
    const payload = toGuestCartPayload([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 100 },
    ]);

    expect(payload).toEqual({ items: [{ productId: A, quantity: 2 }] });
  });

  it('when entries of every kind go in, then what comes out is always accepted by the API schema (ZGuestCartSchema)', () => {
    const entries = [
      { productId: A, quantity: 99 },
      { productId: B.toUpperCase(), quantity: 1 },
      { productId: `${A}0`, quantity: 1 },
      { productId: B, quantity: 0 },
      { productId: B, quantity: 1.5 },
      { productId: 'c'.repeat(24), quantity: 3 },
      ...Array.from({ length: 120 }, (_, index) => ({ productId: index.toString(16).padStart(24, '0'), quantity: 1 })),
    ];

    const payload = toGuestCartPayload(entries);

    expect(ZGuestCartSchema.safeParse(payload).success).toBe(true);
    expect(payload?.items.slice(0, 2)).toEqual([
      { productId: A, quantity: 99 },
      { productId: 'c'.repeat(24), quantity: 3 },
    ]);
  });
});
