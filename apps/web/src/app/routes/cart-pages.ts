// Entry of the lazily loaded cart page chunk (lines, coupon form, totals). The header's cart count and the
// add-to-cart control are in the main bundle; the drawer's body loads on first open.
export { CartPage } from '../../features/cart/components/cart-page.js';
