import { describe, expect, it } from 'vitest';
import { describeCartNotice, hasPriceChanges } from './cart-notices.js';

const line = { unitPrice: 1250, quantity: 2 };

describe('describeCartNotice', () => {
  it('when the price went up, then both prices are shown, as a dismissible warning', () => {
    const notice = describeCartNotice({ type: 'price_changed', previousPrice: 1000 }, line, 'USD', 'en-US');

    expect(notice).toEqual({
      tone: 'warning',
      text: 'The price went up from $10.00 to $12.50 since you added it.',
      isDismissible: true,
    });
  });

  it('when the price went down, then it is information only', () => {
    const notice = describeCartNotice({ type: 'price_changed', previousPrice: 1500 }, line, 'USD', 'en-US');

    expect(notice.tone).toBe('info');
    expect(notice.text).toBe('The price went down from $15.00 to $12.50 since you added it.');
  });

  it('when stock is short or gone, then the shopper learns what to do to check out', () => {
    expect(describeCartNotice({ type: 'insufficient_stock', available: 1 }, line, 'USD').text).toBe(
      'Only 1 left. Lower the quantity to 1 to check out.',
    );
    expect(describeCartNotice({ type: 'insufficient_stock', available: 0 }, line, 'USD').text).toBe(
      'Sold out. Remove it to check out.',
    );
    expect(describeCartNotice({ type: 'unavailable' }, line, 'USD')).toMatchObject({
      tone: 'danger',
      isDismissible: false,
    });
  });

  it('when a merge capped a quantity, then the requested and kept quantities are both named', () => {
    const notice = describeCartNotice({ type: 'quantity_adjusted', requested: 7 }, { ...line, quantity: 5 }, 'USD');

    expect(notice.text).toBe('Your carts held 7 together; 5 are kept because of the stock or the limit of 99.');
  });

  it('when lines carry a price notice, then the cart offers to dismiss price changes', () => {
    expect(hasPriceChanges([{ notices: [{ type: 'unavailable' }] }])).toBe(false);
    expect(hasPriceChanges([{ notices: [] }, { notices: [{ type: 'price_changed', previousPrice: 1 }] }])).toBe(true);
  });
});
