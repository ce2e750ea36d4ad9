import { stockLevelOf, type TStockLevel } from '@mercato/shared/constants';
import type { TBadgeTone } from '../../../components/ui/badge.js';

export interface StockStatus {
  label: string;
  tone: TBadgeTone;
  isAvailable: boolean;
}

const LEVELS: Record<TStockLevel, StockStatus> = {
  in_stock: { label: 'In stock', tone: 'success', isAvailable: true },
  low_stock: { label: 'Only a few left', tone: 'warning', isAvailable: true },
  out_of_stock: { label: 'Out of stock', tone: 'danger', isAvailable: false },
};

/**
 * What a listing's card says: "In stock", "Only a few left" or "Out of stock". Listings carry the level, not the
 * count, so that the API can keep them cached while checkouts sell (docs/decisions/0009).
 */
export function stockLevelStatus(level: TStockLevel): StockStatus {
  return LEVELS[level];
}

/** What a product's page says, with the exact count when few are left: "Only 3 left". */
export function stockStatus(stock: number): StockStatus {
  const level = stockLevelOf(stock);
  return level === 'low_stock' ? { ...LEVELS.low_stock, label: `Only ${stock} left` } : LEVELS[level];
}
