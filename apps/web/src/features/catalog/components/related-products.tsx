import { useRelatedProducts } from '../api/list-related-products.js';
import { ProductGrid, ProductGridSkeleton } from './product-grid.js';

/** "You may also like": hidden when there is nothing related or it failed (it is a bonus, not the page). */
export function RelatedProducts({ slug }: { slug: string }) {
  const related = useRelatedProducts(slug);
  if (related.isError || related.data?.items.length === 0) return null;
  return (
    <section aria-labelledby="related-title" className="flex flex-col gap-4">
      <h2 id="related-title" className="text-2xl font-bold tracking-tight">
        You may also like
      </h2>
      {related.data ? (
        <ProductGrid products={related.data.items.slice(0, 4)} label="Related products" />
      ) : (
        <ProductGridSkeleton count={4} />
      )}
    </section>
  );
}
