import { useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import type { VariantRow } from '../lib/variant-table.js';
import { VARIANT_CELL } from './variant-cell.js';

type TBulkField = 'price' | 'compareAtPrice' | 'stock';
const ACTIONS: readonly { field: TBulkField; label: string }[] = [
  { field: 'price', label: 'Set price' },
  { field: 'compareAtPrice', label: 'Set compare-at price' },
  { field: 'stock', label: 'Set stock' },
];

/** One value typed once and written into a column of every selected row (an empty compare-at price clears it). */
export function VariantBulkEdit({
  isDisabled,
  onSet,
}: {
  isDisabled: boolean;
  onSet: (patch: Partial<Pick<VariantRow, TBulkField>>) => void;
}) {
  const [value, setValue] = useState('');
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Value for the selected rows
        <input value={value} onChange={(e) => setValue(e.target.value)} className={VARIANT_CELL} />
      </label>
      {ACTIONS.map(({ field, label }) => (
        <Button
          key={field}
          size="sm"
          variant="secondary"
          disabled={isDisabled}
          onClick={() => onSet({ [field]: value })}
        >
          {label}
        </Button>
      ))}
    </div>
  );
}
