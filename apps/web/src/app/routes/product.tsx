import type { TRenderAddToCart } from '../../features/catalog/components/add-to-cart-button.js';
import { ProductPage } from '../../features/catalog/components/product-page.js';
import { AddToCartControl } from '../../features/cart/components/add-to-cart-control.js';

const renderAddToCart: TRenderAddToCart = ({ product, quantity, isAvailable }) => (
  <AddToCartControl
    productId={product.id}
    productName={product.name}
    stock={product.stock}
    quantity={quantity}
    isAvailable={isAvailable}
  />
);

/** `/p/:slug`: the catalog's product page with the cart feature's add-to-cart control in its slot. */
export function ProductRoute() {
  return <ProductPage renderAddToCart={renderAddToCart} />;
}
