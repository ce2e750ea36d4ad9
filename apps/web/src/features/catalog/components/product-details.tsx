import type { TProduct, TProductVariant } from '@mercato/shared';
import { lazy, Suspense, useState } from 'react';
import { stockStatus } from '../lib/stock-status.js';
import type { TRenderAddToCart } from './add-to-cart-button.js';
import { ProductPrice } from './product-price.js';
import { QuantitySelector } from './quantity-selector.js';
import { StockBadge } from './stock-badge.js';

/** The most anyone can put in the cart at once, whatever the stock. */
const MAX_QUANTITY = 99;

const VariantPicker = lazy(async () => ({ default: (await import('./variant-picker.js')).VariantPicker }));

export interface ProductDetailsProps {
  product: TProduct;
  /** The chosen variant: price, stock and the cart line follow it. */
  variant: TProductVariant | undefined;
  onSelectVariant: (id: string) => void;
  renderAddToCart: TRenderAddToCart;
}

/** Name, price, stock, option pickers, purchase controls, description and attributes of a product. */
export function ProductDetails({ product, variant, onSelectVariant, renderAddToCart }: ProductDetailsProps) {
  const [quantity, setQuantity] = useState(1);
  const stock = variant ? (variant.isAvailable ? variant.stock : 0) : product.stock;
  const status = stockStatus(stock);
  const { isAvailable } = status;
  const max = Math.min(stock, MAX_QUANTITY);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{product.name}</h1>
        <ProductPrice
          price={variant?.price ?? product.price}
          compareAtPrice={variant ? variant.compareAtPrice : product.compareAtPrice}
          currency={product.currency}
          size="lg"
        />
        <StockBadge status={status} className="self-start text-sm" />
      </div>
      <div className="flex flex-col gap-6 border-y border-slate-200 py-6">
        {variant && product.options.length > 0 && (
          <Suspense fallback={<div className="h-20" />}>
            <VariantPicker product={product} variant={variant} onSelect={(next) => onSelectVariant(next.id)} />
          </Suspense>
        )}
        <div className="flex flex-col gap-4 sm:flex-row sm:items-end">
          <QuantitySelector
            value={Math.min(quantity, Math.max(1, max))}
            max={max}
            onChange={setQuantity}
            isDisabled={!isAvailable}
          />
          {renderAddToCart({ product, variant, quantity: Math.min(quantity, Math.max(1, max)), isAvailable })}
        </div>
      </div>
      {product.description && (
        <section aria-labelledby="product-description" className="flex flex-col gap-2">
          <h2 id="product-description" className="text-lg font-semibold">
            Description
          </h2>
          <p className="whitespace-pre-line text-slate-700">{product.description}</p>
        </section>
      )}
      {product.attributes.length > 0 && (
        <section aria-labelledby="product-attributes" className="flex flex-col gap-2">
          <h2 id="product-attributes" className="text-lg font-semibold">
            Details
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            {product.attributes.map((attribute) => (
              <div key={attribute.key} className="contents">
                <dt className="font-medium text-slate-700">{attribute.key}</dt>
                <dd className="text-slate-900">{attribute.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}
