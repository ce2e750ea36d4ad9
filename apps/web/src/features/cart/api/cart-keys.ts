import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';
import type { TGuestCartItem } from '../lib/guest-cart.js';

/** Query keys of the cart feature. The signed-in cart's key is shared with checkout (see lib/commerce-query-keys). */
export const cartKeys = {
  all: ['cart'] as const,
  user: () => COMMERCE_QUERY_KEYS.cart,
  guest: (items: readonly TGuestCartItem[]) => ['cart', 'guest', items] as const,
  personalCoupons: () => ['cart', 'personal-coupons'] as const,
};
