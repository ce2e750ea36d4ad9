import { useId } from 'react';
import { Button } from '../../../components/ui/button.js';

export interface QuantitySelectorProps {
  value: number;
  max: number;
  onChange: (quantity: number) => void;
  isDisabled?: boolean;
}

function clamp(value: number, max: number): number {
  return Math.min(Math.max(1, Math.trunc(value) || 1), Math.max(1, max));
}

/** − [n] + between 1 and `max` (the stock); typing works too and is clamped. */
export function QuantitySelector({ value, max, onChange, isDisabled = false }: QuantitySelectorProps) {
  const inputId = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        Quantity
      </label>
      <div className="flex items-center gap-1">
        <Button
          variant="secondary"
          size="icon"
          aria-label="Decrease quantity"
          disabled={isDisabled || value <= 1}
          onClick={() => onChange(clamp(value - 1, max))}
        >
          <span aria-hidden="true">−</span>
        </Button>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={value}
          disabled={isDisabled}
          onChange={(event) => onChange(clamp(event.target.valueAsNumber, max))}
          className="h-10 w-16 rounded-md border border-slate-500 text-center text-base disabled:bg-slate-100"
        />
        <Button
          variant="secondary"
          size="icon"
          aria-label="Increase quantity"
          disabled={isDisabled || value >= max}
          onClick={() => onChange(clamp(value + 1, max))}
        >
          <span aria-hidden="true">+</span>
        </Button>
      </div>
    </div>
  );
}
