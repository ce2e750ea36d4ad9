// Entry of the lazily loaded checkout-and-orders chunk: pages only shoppers who buy open (with react-hook-form).
export { CheckoutCancelledPage } from '../../features/checkout/components/checkout-cancelled-page.js';
export { CheckoutSuccessPage } from '../../features/checkout/components/checkout-success-page.js';
export { OrderDetailPage } from '../../features/orders/components/order-detail-page.js';
export { OrdersPage } from '../../features/orders/components/orders-page.js';
export { CheckoutRoute } from './checkout.js';
