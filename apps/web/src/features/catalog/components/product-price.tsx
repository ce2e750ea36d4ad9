import { formatMoney } from '../../../lib/format-money.js';
import { cn } from '../../../lib/cn.js';

export interface ProductPriceProps {
  price: number;
  /** The highest variant price of a listed product: "from" the price when it is higher. */
  maxPrice?: number;
  compareAtPrice: number | null;
  currency: string;
  size?: 'md' | 'lg';
  className?: string;
}

/** The price, and the crossed-out compare-at price when the product is on sale (announced as "was"). */
export function ProductPrice({ price, maxPrice, compareAtPrice, currency, size = 'md', className }: ProductPriceProps) {
  const isOnSale = compareAtPrice !== null && compareAtPrice > price;
  return (
    <p className={cn('flex flex-wrap items-baseline gap-x-2', className)}>
      <span className={cn('font-semibold', isOnSale ? 'text-red-700' : 'text-slate-900', size === 'lg' && 'text-2xl')}>
        {isOnSale && <span className="sr-only">Now </span>}
        {maxPrice !== undefined && maxPrice > price && 'from '}
        {formatMoney(price, currency)}
      </span>
      {isOnSale && (
        <span className={cn('text-slate-600', size === 'lg' ? 'text-base' : 'text-sm')}>
          <span className="sr-only">, was </span>
          <del>{formatMoney(compareAtPrice, currency)}</del>
        </span>
      )}
    </p>
  );
}
