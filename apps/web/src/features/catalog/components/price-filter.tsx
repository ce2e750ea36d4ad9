import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button.js';
import { Input } from '../../../components/ui/input.js';
import { describeMoneyInputError, parseMoneyInput } from '../../../lib/money-input.js';

export interface PriceFilterProps {
  minPrice: string;
  maxPrice: string;
  /** Minor digits of the store currency; undefined until known (the inputs then accept up to 2 decimals). */
  digits: number | undefined;
  onApply: (range: { minPrice: string; maxPrice: string }) => void;
}

type TBound = 'min' | 'max';

function checkBound(text: string, digits: number): string | undefined {
  if (text.trim() === '') return undefined;
  const result = parseMoneyInput(text, digits);
  return result.ok ? undefined : describeMoneyInputError(result.reason, digits);
}

/** Min/max price in major units; applied on submit (typing does not refetch on every key). */
export function PriceFilter({ minPrice, maxPrice, digits = 2, onApply }: PriceFilterProps) {
  const [values, setValues] = useState({ min: minPrice, max: maxPrice });
  const [synced, setSynced] = useState({ minPrice, maxPrice });
  const [errors, setErrors] = useState<Partial<Record<TBound, string>>>({});

  // Follow the URL (back/forward, "Clear filters") by adjusting state during render, React's documented pattern.
  if (synced.minPrice !== minPrice || synced.maxPrice !== maxPrice) {
    setSynced({ minPrice, maxPrice });
    setValues({ min: minPrice, max: maxPrice });
    setErrors({});
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = { min: checkBound(values.min, digits), max: checkBound(values.max, digits) };
    setErrors(next);
    if (next.min || next.max) return;
    // A comma typed as decimal mark is stored as a dot so the URL has one spelling.
    onApply({ minPrice: values.min.trim().replace(',', '.'), maxPrice: values.max.trim().replace(',', '.') });
  }

  const field = (bound: TBound, label: string) => (
    <Input
      label={label}
      inputMode="decimal"
      autoComplete="off"
      value={values[bound]}
      onChange={(event) => setValues((current) => ({ ...current, [bound]: event.target.value }))}
      error={errors[bound]}
      containerClassName="min-w-0 flex-1"
    />
  );

  return (
    <form onSubmit={handleSubmit} noValidate className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Price</legend>
        <div className="flex items-start gap-3">
          {field('min', 'Minimum price')}
          {field('max', 'Maximum price')}
        </div>
      </fieldset>
      <Button type="submit" variant="secondary" size="sm" className="self-start">
        Apply price
      </Button>
    </form>
  );
}
