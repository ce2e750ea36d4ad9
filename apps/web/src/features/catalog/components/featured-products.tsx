import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useFeaturedProducts } from '../api/list-featured-products.js';
import { ProductGrid, ProductGridSkeleton } from './product-grid.js';

/** Home page section: the products the shop features, or a link to everything when none are. */
export function FeaturedProducts() {
  const featured = useFeaturedProducts();
  return (
    <section aria-labelledby="featured-title" className="flex flex-col gap-6">
      <div className="flex items-end justify-between gap-4">
        <h2 id="featured-title" className="text-2xl font-bold tracking-tight">
          Featured products
        </h2>
        <Link to="/search" className="text-sm font-medium text-brand-700 hover:underline">
          See all products
        </Link>
      </div>
      {featured.isPending && <ProductGridSkeleton count={4} />}
      {featured.isError && (
        <EmptyState
          as="h3"
          title="Featured products could not be loaded"
          description={featured.error.message}
          action={<Button onClick={() => void featured.refetch()}>Try again</Button>}
        />
      )}
      {featured.data?.items.length === 0 && (
        <EmptyState as="h3" title="Nothing is featured right now" description="Browse the whole catalog instead." />
      )}
      {featured.data && featured.data.items.length > 0 && (
        <ProductGrid products={featured.data.items.slice(0, 8)} label="Featured products" hasPriorityImages />
      )}
    </section>
  );
}
