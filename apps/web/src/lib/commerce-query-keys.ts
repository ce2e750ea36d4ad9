/**
 * Roots of the query keys the cart, checkout, orders and notifications features share. They live here because
 * features never import each other, yet a checkout must refresh the cart, and a payment must refresh the order list
 * and the notifications bell.
 */
export const COMMERCE_QUERY_KEYS = {
  /** The signed-in shopper's server cart (`GET /api/cart`): every cart response is the whole cart. */
  cart: ['cart', 'user'] as const,
  /** Everything under the shopper's orders (`/api/orders`, `/api/orders/:id`). */
  orders: ['orders'] as const,
  /** The notifications list and unread count (`/api/notifications`). */
  notifications: ['notifications'] as const,
};
