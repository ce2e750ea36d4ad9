import type { TProductSummary } from '@mercato/shared';
import { IMAGE_SIZES } from '@mercato/shared/constants';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge.js';
import { ProductImage } from './product-image.js';
import { ProductPrice } from './product-price.js';
import { stockLevelStatus } from '../lib/stock-status.js';
import { StockBadge } from './stock-badge.js';

/**
 * The widths a card takes in the grids (2 columns on phones, up to 4 on desktops). The home page's head preloads
 * the first featured card's image with the same sizes (apps/api/src/modules/seo).
 */
export const CARD_IMAGE_SIZES = IMAGE_SIZES.productCard;

export interface ProductCardProps {
  product: TProductSummary;
  /** Cards in the first visible row load their image eagerly. */
  isPriority?: boolean;
  headingLevel?: 'h2' | 'h3';
}

/** A product in a grid: image, name (the link; the whole card is clickable), price and stock. */
export function ProductCard({ product, isPriority = false, headingLevel: Heading = 'h3' }: ProductCardProps) {
  const isOnSale = product.compareAtPrice !== null && product.compareAtPrice > product.price;
  return (
    <article className="group relative flex h-full flex-col gap-3">
      <div className="relative overflow-hidden rounded-lg">
        <ProductImage
          image={product.image}
          sizes={CARD_IMAGE_SIZES}
          alt=""
          isPriority={isPriority}
          className="aspect-square w-full transition-transform group-hover:scale-105"
        />
        {isOnSale && (
          <Badge tone="brand" className="absolute top-2 left-2">
            Sale
          </Badge>
        )}
      </div>
      <div className="flex flex-1 flex-col gap-1">
        <Heading className="text-sm font-medium text-slate-900">
          <Link to={`/p/${product.slug}`} className="after:absolute after:inset-0 group-hover:underline">
            {product.name}
          </Link>
        </Heading>
        <ProductPrice
          price={product.price}
          maxPrice={product.maxPrice}
          compareAtPrice={product.compareAtPrice}
          currency={product.currency}
        />
        <StockBadge status={stockLevelStatus(product.stockLevel)} className="self-start" />
      </div>
    </article>
  );
}
