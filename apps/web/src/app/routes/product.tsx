import type { TRenderAddToCart } from '../../features/catalog/components/add-to-cart-button.js';
import { ProductPage } from '../../features/catalog/components/product-page.js';
import { AddToCartControl } from '../../features/cart/components/add-to-cart-control.js';

// A product without options is added without a variant (the API takes its only one), as before variants existed.
const renderAddToCart: TRenderAddToCart = ({ product, variant, quantity, isAvailable }) => (
  <AddToCartControl
    productId={product.id}
    variantId={product.options.length > 0 ? variant?.id : undefined}
    productName={variant && product.options.length > 0 ? `${product.name} (${variant.title})` : product.name}
    stock={variant?.stock ?? product.stock}
    quantity={quantity}
    isAvailable={isAvailable}
  />
);

/** `/p/:slug`: the catalog's product page with the cart feature's add-to-cart control in its slot. */
export function ProductRoute() {
  return <ProductPage renderAddToCart={renderAddToCart} />;
}
