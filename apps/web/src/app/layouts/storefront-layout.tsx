import { Outlet, ScrollRestoration } from 'react-router';
import { CartDrawer } from '../../features/cart/components/cart-drawer.js';
import { MergeAnnouncer } from '../../features/cart/components/merge-announcer.js';
import { NavigationProgress } from './navigation-progress.js';
import { PageFallback } from './page-fallback.js';
import { SiteFooter } from './site-footer.js';
import { SiteHeader } from './site-header.js';
import { MAIN_ID, SkipLink } from './skip-link.js';

/** Shell of every storefront page: skip link, header, the page, footer. */
export function StorefrontLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <NavigationProgress />
      <SiteHeader />
      {/* At least a screen tall: the footer starts below the fold, so a page growing as its data arrives never
          pushes a visible footer down (a layout shift, CLS). */}
      <main
        id={MAIN_ID}
        tabIndex={-1}
        className="mx-auto min-h-dvh w-full max-w-7xl flex-1 px-4 py-8 focus:outline-none sm:px-6 lg:px-8"
      >
        <Outlet />
      </main>
      <SiteFooter />
      <CartDrawer />
      <MergeAnnouncer />
      <ScrollRestoration />
    </div>
  );
}

/**
 * A first visit straight to a lazily loaded page (a category, the cart) while its chunk loads: the header stays
 * where index.html painted it, with a spinner below, instead of a blank screen.
 */
export function StorefrontFallback() {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      <main className="mx-auto min-h-dvh w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-8">
        <PageFallback />
      </main>
    </div>
  );
}
