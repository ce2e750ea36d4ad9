import { Badge } from '../../../components/ui/badge.js';
import type { StockStatus } from '../lib/stock-status.js';

/** "In stock", "Only 3 left" or "Out of stock" as a badge; the words carry the meaning, the colour only helps. */
export function StockBadge({ status, className }: { status: StockStatus; className?: string }) {
  return (
    <Badge tone={status.tone} className={className}>
      {status.label}
    </Badge>
  );
}
