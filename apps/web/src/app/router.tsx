import { createBrowserRouter, type RouteObject } from 'react-router';
import { AccountPage } from '../features/account/components/account-page.js';
import { LoginPage } from '../features/auth/components/login-page.js';
import { SignupPage } from '../features/auth/components/signup-page.js';
import { CartPage } from '../features/cart/components/cart-page.js';
import { CategoryPage } from '../features/catalog/components/category-page.js';
import { ProductPage } from '../features/catalog/components/product-page.js';
import { SearchPage } from '../features/catalog/components/search-page.js';
import { CheckoutPage } from '../features/checkout/components/checkout-page.js';
import { OrdersPage } from '../features/orders/components/orders-page.js';
import { ADMIN_SECTIONS } from './admin-nav.js';
import { PageFallback } from './layouts/page-fallback.js';
import { StorefrontLayout } from './layouts/storefront-layout.js';
import { RootErrorPage, RouteErrorPage } from './routes/error-page.js';
import { HomePage } from './routes/home.js';
import { NotFoundPage } from './routes/not-found.js';

// The admin area is one lazily loaded chunk (routes/admin.tsx): shoppers never download it.
const loadAdmin = () => import('./routes/admin.js');

const storefrontRoutes: RouteObject[] = [
  { index: true, Component: HomePage },
  { path: 'search', Component: SearchPage },
  { path: 'c/:slug', Component: CategoryPage },
  { path: 'p/:slug', Component: ProductPage },
  { path: 'cart', Component: CartPage },
  { path: 'checkout', Component: CheckoutPage },
  { path: 'login', Component: LoginPage },
  { path: 'signup', Component: SignupPage },
  { path: 'account/*', Component: AccountPage },
  { path: 'orders/*', Component: OrdersPage },
  { path: '*', Component: NotFoundPage },
];

const adminRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await loadAdmin()).DashboardPage }) },
  ...ADMIN_SECTIONS.map(({ path, label }) => ({
    path: `${path}/*`,
    lazy: async () => {
      const { AdminSectionPage } = await loadAdmin();
      return { element: <AdminSectionPage title={label} /> };
    },
  })),
  { path: '*', Component: NotFoundPage },
];

/** All routes. A pathless child carries the error boundary so header and footer stay when a page fails. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/',
      Component: StorefrontLayout,
      ErrorBoundary: RootErrorPage,
      HydrateFallback: PageFallback,
      children: [{ ErrorBoundary: RouteErrorPage, children: storefrontRoutes }],
    },
    {
      path: '/admin',
      lazy: async () => ({ Component: (await loadAdmin()).AdminLayout }),
      ErrorBoundary: RootErrorPage,
      HydrateFallback: PageFallback,
      children: [{ ErrorBoundary: RouteErrorPage, children: adminRoutes }],
    },
  ]);
}
