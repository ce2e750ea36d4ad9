import type { TProduct, TProductVariant } from '@mercato/shared';
import { valueState } from '../lib/variant-options.js';

export interface VariantPickerProps {
  product: TProduct;
  variant: TProductVariant;
  onSelect: (variant: TProductVariant) => void;
}

/**
 * One radio group per option (Size, Colour): native radios, so Tab reaches the group and the arrow keys move within
 * it. Values that are sold out or do not exist with the other choices stay listed, struck through and named so;
 * choosing one that does not exist moves to the closest variant that has it. Loaded lazily: products without
 * options (most first visits) never download it.
 */
export function VariantPicker({ product, variant, onSelect }: VariantPickerProps) {
  return (
    <div className="flex flex-col gap-4">
      {product.options.map((option, index) => (
        <fieldset key={option.name} className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium text-slate-800">
            {option.name}: <span className="font-normal">{variant.optionValues[index]}</span>
          </legend>
          <div className="flex flex-wrap gap-2">
            {option.values.map((value) => {
              const state = valueState(product, variant, index, value);
              const isOff = state?.status !== 'available';
              return (
                <label key={value} className="relative">
                  <input
                    type="radio"
                    name={`option-${index}`}
                    value={value}
                    checked={variant.optionValues[index] === value}
                    aria-label={isOff ? `${value}, ${state?.status ?? 'unavailable'}` : undefined}
                    disabled={!state}
                    onChange={() => state && onSelect(state.variant)}
                    className="peer absolute inset-0 cursor-pointer opacity-0"
                  />
                  <span
                    className={`block min-w-11 rounded-md border border-slate-400 px-3 py-2 text-center text-sm peer-checked:border-brand-700 peer-checked:bg-brand-50 peer-checked:ring-2 peer-checked:ring-brand-700 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 ${isOff ? 'border-dashed text-slate-600 line-through' : ''}`}
                  >
                    {value}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
