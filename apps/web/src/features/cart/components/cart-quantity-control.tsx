import { MAX_LINE_QUANTITY } from '@mercato/shared/constants';
import { useState } from 'react';
import { Button } from '../../../components/ui/button.js';

export interface CartQuantityControlProps {
  productName: string;
  value: number;
  /** Units that can be bought now (stock, at most 99). A line above it can only go down. */
  available: number;
  isDisabled?: boolean;
  onChange: (quantity: number) => void;
}

/** − [n] + for a cart line. Typing commits on Enter or when leaving the field, clamped to 1…available. */
export function CartQuantityControl({ productName, value, available, isDisabled, onChange }: CartQuantityControlProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const max = Math.max(1, Math.min(available, MAX_LINE_QUANTITY));

  function commit(text: string) {
    setDraft(null);
    const typed = Math.trunc(Number(text));
    if (!Number.isFinite(typed) || text.trim() === '') return;
    const next = Math.min(Math.max(1, typed), max);
    if (next !== value) onChange(next);
  }

  return (
    <div className="flex items-center gap-1" role="group" aria-label={`Quantity of ${productName}`}>
      <Button
        variant="secondary"
        size="icon"
        className="size-9"
        aria-label={`Decrease quantity of ${productName}`}
        disabled={isDisabled || value <= 1}
        onClick={() => onChange(Math.min(value - 1, max))}
      >
        <span aria-hidden="true">−</span>
      </Button>
      <input
        type="number"
        inputMode="numeric"
        aria-label={`Quantity of ${productName}`}
        min={1}
        max={max}
        value={draft ?? String(value)}
        disabled={isDisabled}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={(event) => commit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(event.currentTarget.value);
        }}
        className="h-9 w-14 rounded-md border border-slate-500 text-center text-base disabled:bg-slate-100"
      />
      <Button
        variant="secondary"
        size="icon"
        className="size-9"
        aria-label={`Increase quantity of ${productName}`}
        disabled={isDisabled || value >= max}
        onClick={() => onChange(value + 1)}
      >
        <span aria-hidden="true">+</span>
      </Button>
    </div>
  );
}
