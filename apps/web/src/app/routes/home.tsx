import { Link } from 'react-router';
import { buttonClasses } from '../../components/ui/button-styles.js';
import { useDocumentTitle } from '../../hooks/use-document-title.js';
import { useSession } from '../../features/auth/hooks/use-session.js';
import { CategoryGrid } from '../../features/catalog/components/category-grid.js';
import { FeaturedProducts } from '../../features/catalog/components/featured-products.js';

/** `/`: hero, featured products and the categories grid (both from the catalog feature). */
export function HomePage() {
  useDocumentTitle();
  const { status } = useSession();
  return (
    <div className="flex flex-col gap-12">
      <section aria-labelledby="hero-title" className="rounded-2xl bg-brand-50 px-6 py-12 sm:px-12 sm:py-16">
        <div className="flex max-w-2xl flex-col gap-5">
          <h1 id="hero-title" className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Find something you’ll love
          </h1>
          <p className="text-lg text-slate-700">
            Browse the catalog, fill your cart and check out securely. Your cart waits for you on every device.
          </p>
          <div className="flex flex-wrap gap-3">
            <Link to="/search" className={buttonClasses({ size: 'lg' })}>
              Browse products
            </Link>
            {status === 'signedOut' && (
              <Link to="/signup" className={buttonClasses({ variant: 'secondary', size: 'lg' })}>
                Create an account
              </Link>
            )}
          </div>
        </div>
      </section>
      <FeaturedProducts />
      <CategoryGrid />
    </div>
  );
}
