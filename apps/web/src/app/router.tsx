import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSignedIn } from '../features/auth/components/require-signed-in.js';
import { ADMIN_SECTIONS } from './admin-nav.js';
import { PageFallback } from './layouts/page-fallback.js';
import { StorefrontFallback, StorefrontLayout } from './layouts/storefront-layout.js';
import { RootErrorPage, RouteErrorPage } from './routes/error-page.js';
import { HomePage } from './routes/home.js';
import { NotFoundPage } from './routes/not-found.js';
import { ProductRoute } from './routes/product.js';

// Home and product pages are in the main bundle (most visits start there); every other page loads lazily.
// The admin area is one lazily loaded chunk (routes/admin.tsx): shoppers never download it.
const loadAdmin = () => import('./routes/admin.js');
// Sign-in, sign-up, password and account pages are another (routes/account-pages.ts).
const loadAccountPages = () => import('./routes/account-pages.js');
// Checkout, payment result and order pages are a third (routes/commerce-pages.ts).
const loadCommercePages = () => import('./routes/commerce-pages.js');
// Category and search listings (routes/catalog-pages.ts), and the cart page (routes/cart-pages.ts).
const loadCatalogPages = () => import('./routes/catalog-pages.js');
const loadCartPages = () => import('./routes/cart-pages.js');

const storefrontRoutes: RouteObject[] = [
  { index: true, Component: HomePage },
  { path: 'search', lazy: async () => ({ Component: (await loadCatalogPages()).SearchPage }) },
  { path: 'c/:slug', lazy: async () => ({ Component: (await loadCatalogPages()).CategoryPage }) },
  { path: 'p/:slug', Component: ProductRoute },
  { path: 'cart', lazy: async () => ({ Component: (await loadCartPages()).CartPage }) },
  { path: 'login', lazy: async () => ({ Component: (await loadAccountPages()).LoginPage }) },
  { path: 'signup', lazy: async () => ({ Component: (await loadAccountPages()).SignupPage }) },
  { path: 'verify-email', lazy: async () => ({ Component: (await loadAccountPages()).VerifyEmailPage }) },
  { path: 'forgot-password', lazy: async () => ({ Component: (await loadAccountPages()).ForgotPasswordPage }) },
  { path: 'reset-password', lazy: async () => ({ Component: (await loadAccountPages()).ResetPasswordPage }) },
  // The link in offer emails: no sign-in, and nothing happens until the button is pressed (link scanners open it).
  { path: 'unsubscribe', lazy: async () => ({ Component: (await loadAccountPages()).UnsubscribePage }) },
  {
    // Signed-out visitors are sent to /login?next=… and come back after signing in.
    Component: RequireSignedIn,
    children: [
      { path: 'checkout', lazy: async () => ({ Component: (await loadCommercePages()).CheckoutRoute }) },
      { path: 'checkout/success', lazy: async () => ({ Component: (await loadCommercePages()).CheckoutSuccessPage }) },
      {
        path: 'checkout/cancelled',
        lazy: async () => ({ Component: (await loadCommercePages()).CheckoutCancelledPage }),
      },
      {
        path: 'account',
        lazy: async () => ({ Component: (await loadAccountPages()).AccountLayout }),
        children: [
          { index: true, lazy: async () => ({ Component: (await loadAccountPages()).AccountRoute }) },
          { path: 'privacy', lazy: async () => ({ Component: (await loadAccountPages()).PrivacyRoute }) },
          { path: '*', Component: NotFoundPage },
        ],
      },
      { path: 'orders', lazy: async () => ({ Component: (await loadCommercePages()).OrdersPage }) },
      { path: 'orders/:id', lazy: async () => ({ Component: (await loadCommercePages()).OrderDetailPage }) },
    ],
  },
  { path: '*', Component: NotFoundPage },
];

// Sections with a real screen; the others show a placeholder until theirs is built.
const BUILT_SECTIONS = new Set<string>(['outbox', 'products', 'categories', 'import', 'orders', 'coupons', 'users']);

const adminRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await loadAdmin()).DashboardPage }) },
  { path: 'products', lazy: async () => ({ Component: (await loadAdmin()).ProductsPage }) },
  { path: 'products/new', lazy: async () => ({ Component: (await loadAdmin()).ProductCreatePage }) },
  { path: 'products/:id', lazy: async () => ({ Component: (await loadAdmin()).ProductEditPage }) },
  { path: 'categories', lazy: async () => ({ Component: (await loadAdmin()).CategoriesPage }) },
  { path: 'import', lazy: async () => ({ Component: (await loadAdmin()).CatalogImportPage }) },
  { path: 'outbox', lazy: async () => ({ Component: (await loadAdmin()).OutboxPage }) },
  { path: 'outbox/:id', lazy: async () => ({ Component: (await loadAdmin()).OutboxMessagePage }) },
  { path: 'orders', lazy: async () => ({ Component: (await loadAdmin()).AdminOrdersPage }) },
  { path: 'orders/:id', lazy: async () => ({ Component: (await loadAdmin()).AdminOrderPage }) },
  { path: 'coupons', lazy: async () => ({ Component: (await loadAdmin()).CouponsPage }) },
  { path: 'users', lazy: async () => ({ Component: (await loadAdmin()).AdminUsersRoute }) },
  ...ADMIN_SECTIONS.filter(({ path }) => !BUILT_SECTIONS.has(path)).map(({ path, label }) => ({
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
      HydrateFallback: StorefrontFallback,
      children: [{ ErrorBoundary: RouteErrorPage, children: storefrontRoutes }],
    },
    {
      // The guard (a small chunk of its own) runs before the admin chunk loads: only admins download that.
      path: '/admin',
      lazy: async () => ({ Component: (await import('./routes/admin-gate.js')).AdminGate }),
      ErrorBoundary: RootErrorPage,
      HydrateFallback: PageFallback,
      children: [
        {
          lazy: async () => ({ Component: (await loadAdmin()).AdminLayout }),
          children: [{ ErrorBoundary: RouteErrorPage, children: adminRoutes }],
        },
      ],
    },
  ]);
}
