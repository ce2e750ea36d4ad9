import type { TBadgeTone } from '../../../components/ui/badge.js';

/** At or below this many units a shopper is told how few are left. */
export const LOW_STOCK_THRESHOLD = 5;

export interface StockStatus {
  label: string;
  tone: TBadgeTone;
  isAvailable: boolean;
}

/** What a shopper is told about stock: "Out of stock", "Only 3 left" or "In stock". */
export function stockStatus(stock: number): StockStatus {
  if (stock <= 0) return { label: 'Out of stock', tone: 'danger', isAvailable: false };
  if (stock <= LOW_STOCK_THRESHOLD) return { label: `Only ${stock} left`, tone: 'warning', isAvailable: true };
  return { label: 'In stock', tone: 'success', isAvailable: true };
}
