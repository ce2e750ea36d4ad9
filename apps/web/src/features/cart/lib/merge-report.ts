import type { TCart } from '@mercato/shared';
import type { MergeAdjustment } from '../stores/merge-store.js';
import { isGuestLine, type TGuestCartItem } from './guest-cart.js';

export interface MergeReport {
  mergedUnits: number;
  adjustments: MergeAdjustment[];
  skipped: number;
}

/**
 * What the shopper should hear about a merge: how many units came over, which lines were capped (the API marks them
 * `quantity_adjusted` in the merge response only) and how many products could not be added at all.
 */
export function summarizeMerge(sent: readonly TGuestCartItem[], merged: TCart): MergeReport {
  let mergedUnits = 0;
  let skipped = 0;
  for (const item of sent) {
    const line = merged.lines.find((candidate) => isGuestLine(item, candidate.productId, candidate.variantId));
    if (!line || !line.isPurchasable) skipped += 1;
    else mergedUnits += item.quantity;
  }
  const adjustments = merged.lines.flatMap((line) =>
    line.notices.flatMap((notice) =>
      notice.type === 'quantity_adjusted'
        ? [
            {
              productId: line.productId,
              variantId: line.variantId,
              name: line.variantTitle === 'Default' ? line.name : `${line.name} (${line.variantTitle})`,
              requested: notice.requested,
              kept: line.quantity,
            },
          ]
        : [],
    ),
  );
  return { mergedUnits, adjustments, skipped };
}

/** One sentence for the toast after a merge. */
export function describeMerge(report: MergeReport): string {
  const parts = [
    report.mergedUnits > 0
      ? `${report.mergedUnits} ${report.mergedUnits === 1 ? 'item' : 'items'} from before you signed in ${report.mergedUnits === 1 ? 'was' : 'were'} added to your cart.`
      : '',
    report.adjustments.length > 0
      ? `${report.adjustments.length} ${report.adjustments.length === 1 ? 'quantity was' : 'quantities were'} lowered to what is in stock.`
      : '',
    report.skipped > 0
      ? `${report.skipped} ${report.skipped === 1 ? 'product is' : 'products are'} no longer available.`
      : '',
  ];
  return parts.filter(Boolean).join(' ');
}
