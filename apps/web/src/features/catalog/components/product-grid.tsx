import type { TProductSummary } from '@mercato/shared';
import { Skeleton } from '../../../components/ui/skeleton.js';
import { cn } from '../../../lib/cn.js';
import { ProductCard } from './product-card.js';

const GRID = 'grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4';
/** Cards in the first row on the widest layout: their images are above the fold. */
const PRIORITY_CARDS = 4;

export interface ProductGridProps {
  products: readonly TProductSummary[];
  /** Label of the list for screen readers, e.g. "Search results". */
  label: string;
  headingLevel?: 'h2' | 'h3';
  hasPriorityImages?: boolean;
  className?: string;
}

/** Responsive grid of product cards, as a list. */
export function ProductGrid({ products, label, headingLevel, hasPriorityImages = false, className }: ProductGridProps) {
  return (
    <ul aria-label={label} className={cn(GRID, className)}>
      {products.map((product, index) => (
        <li key={product.id}>
          <ProductCard
            product={product}
            headingLevel={headingLevel}
            isPriority={hasPriorityImages && index < PRIORITY_CARDS}
          />
        </li>
      ))}
    </ul>
  );
}

/** Grey cards shaped like the grid while it loads. */
export function ProductGridSkeleton({ count = 8, className }: { count?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={cn(GRID, className)}>
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="flex flex-col gap-3">
          <Skeleton className="aspect-square w-full rounded-lg" />
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-4 w-1/3" />
        </div>
      ))}
    </div>
  );
}
