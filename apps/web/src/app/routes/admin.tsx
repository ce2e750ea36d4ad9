// Entry of the lazily loaded admin chunk: everything only staff need is reachable from here and nowhere else.
export { AdminSectionPage } from '../../features/admin/components/admin-section-page.js';
export { CatalogImportPage } from '../../features/admin/catalog/components/catalog-import-page.js';
export { CategoriesPage } from '../../features/admin/catalog/components/categories-page.js';
export { ProductCreatePage, ProductEditPage } from '../../features/admin/catalog/components/product-form-page.js';
export { ProductsPage } from '../../features/admin/catalog/components/products-page.js';
export { DashboardPage } from '../../features/admin/dashboard/components/dashboard-page.js';
export { CouponsPage } from '../../features/admin/coupons/components/coupons-page.js';
export { OutboxMessagePage } from '../../features/admin/outbox/components/outbox-message-page.js';
export { OutboxPage } from '../../features/admin/outbox/components/outbox-page.js';
export { AdminOrderPage } from '../../features/admin/orders/components/order-page.js';
export { AdminOrdersPage } from '../../features/admin/orders/components/orders-page.js';
export { AdminLayout } from '../layouts/admin-layout.js';
export { AdminUsersRoute } from './admin-users.js';
