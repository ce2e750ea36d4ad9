import type { TCategory } from '@mercato/shared';
import { useFormContext } from 'react-hook-form';
import { Checkbox } from '../../../../components/ui/checkbox.js';
import { Input } from '../../../../components/ui/input.js';
import { Select } from '../../../../components/ui/select.js';
import type { ProductFormValues } from '../lib/product-form.js';

export interface ProductPricingFieldsProps {
  currency: string;
  digits: number;
  categories: readonly TCategory[];
  /** A product with options has its price, compare-at and stock per variant (the table below), not here. */
  pricedPerVariant?: boolean;
}

/** Price and compare-at price (major units, as typed), stock, category, and the active/featured flags. */
export function ProductPricingFields({ currency, digits, categories, pricedPerVariant }: ProductPricingFieldsProps) {
  const { register, formState } = useFormContext<ProductFormValues>();
  const { errors } = formState;
  const example = digits === 0 ? '1200' : (12.3).toFixed(digits);
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {pricedPerVariant ? (
          <p className="text-sm text-slate-700 sm:col-span-2">
            Price, compare-at price and stock are set per variant, in the variants table below.
          </p>
        ) : (
          <>
            <Input
              label={`Price (${currency})`}
              required
              inputMode="decimal"
              autoComplete="off"
              hint={`For example ${example}`}
              {...register('price')}
              error={errors.price?.message}
            />
            <Input
              label={`Compare-at price (${currency})`}
              inputMode="decimal"
              autoComplete="off"
              hint="The old price, shown crossed out. Optional."
              {...register('compareAtPrice')}
              error={errors.compareAtPrice?.message}
            />
            <Input
              label="Stock"
              required
              inputMode="numeric"
              autoComplete="off"
              {...register('stock')}
              error={errors.stock?.message}
            />
          </>
        )}
        <Select
          label="Category"
          placeholder="No category"
          {...register('categoryId')}
          error={errors.categoryId?.message}
        >
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </Select>
      </div>
      <Checkbox label="Active" hint="Shoppers can see and buy it." {...register('active')} />
      <Checkbox label="Featured" hint="Shown on the home page." {...register('featured')} />
    </div>
  );
}
