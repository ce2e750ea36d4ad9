export interface CartSummary {
  /** Total quantity across lines, shown on the header badge. */
  itemCount: number;
}

/** What the header needs to know about the cart. Placeholder: the cart feature backs it with the real cart query. */
export function useCartSummary(): CartSummary {
  return { itemCount: 0 };
}
