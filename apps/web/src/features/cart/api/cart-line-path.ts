/** A cart line: one variant of a product. */
export interface CartLineRef {
  productId: string;
  variantId: string;
}

/** `/api/cart/items/:productId?variantId=`: the variant names the line when the cart holds several of the product. */
export function cartLinePath({ productId, variantId }: CartLineRef): string {
  return `/api/cart/items/${encodeURIComponent(productId)}?variantId=${encodeURIComponent(variantId)}`;
}
