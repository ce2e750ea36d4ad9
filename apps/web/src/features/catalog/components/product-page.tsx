import { useParams, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button.js';
import { EmptyState } from '../../../components/ui/empty-state.js';
import { useDocumentTitle } from '../../../hooks/use-document-title.js';
import { ApiError } from '../../../lib/api-error.js';
import { useProduct } from '../api/get-product.js';
import { imagesFor, pickVariant } from '../lib/variants.js';
import { renderDefaultAddToCart, type TRenderAddToCart } from './add-to-cart-button.js';
import { Breadcrumbs } from './breadcrumbs.js';
import { CatalogNotFound } from './catalog-not-found.js';
import { ProductDetails } from './product-details.js';
import { ProductGallery } from './product-gallery.js';
import { ProductPageSkeleton } from './product-page-skeleton.js';
import { RelatedProducts } from './related-products.js';

export interface ProductPageProps {
  /** The add-to-cart control, provided by `src/app` from the cart feature. */
  renderAddToCart?: TRenderAddToCart;
}

/** `/p/:slug`: gallery, price, stock, quantity and add-to-cart, description, attributes, related products. */
export function ProductPage({ renderAddToCart = renderDefaultAddToCart }: ProductPageProps) {
  const { slug = '' } = useParams();
  const product = useProduct(slug);
  const [params, setParams] = useSearchParams();
  useDocumentTitle(product.data?.name);

  if (product.isPending) return <ProductPageSkeleton />;
  if (product.isError) {
    if (product.error instanceof ApiError && product.error.status === 404) return <CatalogNotFound what="product" />;
    return (
      <EmptyState
        as="h1"
        title="This product could not be loaded"
        description={product.error.message}
        action={<Button onClick={() => void product.refetch()}>Try again</Button>}
      />
    );
  }
  const { data } = product;
  const category = data.category;
  const variant = pickVariant(data.variants, params.get('variant'));
  // The chosen variant lives in the URL (shared links and reloads keep it), replacing history rather than adding to it.
  const selectVariant = (id: string) => setParams({ variant: id }, { replace: true, preventScrollReset: true });
  return (
    <div className="flex flex-col gap-12">
      <Breadcrumbs
        items={[
          { label: 'Home', to: '/' },
          ...(category ? [{ label: category.name, to: `/c/${category.slug}` }] : []),
          { label: data.name },
        ]}
      />
      <div className="grid gap-8 lg:grid-cols-2 lg:gap-12">
        {/* keyed by product (and the variant's images): another one starts on its first image and a quantity of 1 */}
        <ProductGallery
          key={`gallery-${data.id}-${variant?.imageIds.join()}`}
          images={imagesFor(data.images, variant?.imageIds ?? [])}
          productName={data.name}
        />
        <ProductDetails
          key={`details-${data.id}`}
          product={data}
          variant={variant}
          onSelectVariant={selectVariant}
          renderAddToCart={renderAddToCart}
        />
      </div>
      <RelatedProducts slug={data.slug} />
    </div>
  );
}
