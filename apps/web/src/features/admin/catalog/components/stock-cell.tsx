import { useState, type KeyboardEvent } from 'react';
import { Spinner } from '../../../../components/ui/spinner.js';
import { useSetProductStock } from '../api/set-product-stock.js';

const WHOLE = /^\d{1,7}$/;

/**
 * Quick stock edit in the table: type and press Enter (or leave the field). The table shows the new value at once;
 * a failed save puts the old one back and says why. Escape abandons the edit.
 */
export function StockCell({ id, name, stock }: { id: string; name: string; stock: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const setStock = useSetProductStock();
  // While saving, show what was typed even before the optimistic cache write lands.
  const value = draft ?? String(setStock.isPending ? setStock.variables.stock : stock);
  const isInvalid = draft !== null && !WHOLE.test(draft.trim());

  function commit() {
    if (draft === null) return;
    const text = draft.trim();
    setDraft(null);
    if (!WHOLE.test(text) || Number(text) === stock) return;
    setStock.mutate({ id, name, stock: Number(text), expectedStock: stock });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') setDraft(null);
  }

  return (
    <div className="flex items-center gap-2">
      <input
        type="text"
        inputMode="numeric"
        aria-label={`Stock of ${name}`}
        aria-invalid={isInvalid || undefined}
        value={value}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={handleKeyDown}
        onBlur={commit}
        className="h-8 w-20 rounded-md border border-slate-500 px-2 text-right tabular-nums aria-invalid:border-red-700"
      />
      {setStock.isPending && <Spinner size="sm" label={`Saving the stock of ${name}`} />}
    </div>
  );
}
