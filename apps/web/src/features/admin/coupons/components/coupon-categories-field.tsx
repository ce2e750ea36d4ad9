import { useFormContext } from 'react-hook-form';
import { useAdminCategories } from '../../catalog/api/list-admin-categories.js';
import type { CouponFormValues } from '../lib/coupon-form.js';

/** Optional restriction to categories: checkboxes, none checked = the whole shop. */
export function CouponCategoriesField() {
  const { register } = useFormContext<CouponFormValues>();
  const categories = useAdminCategories();
  const items = categories.data?.items ?? [];
  return (
    <fieldset className="flex flex-col gap-2 sm:col-span-2">
      <legend className="text-sm font-medium text-slate-800">Only for these categories</legend>
      <p className="text-sm text-slate-600">Leave all unchecked to apply to every product.</p>
      {categories.isError && <p className="text-sm text-red-700">Categories could not be loaded.</p>}
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {items.map((category) => (
          <label key={category.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              value={category.id}
              className="size-4 accent-brand-600"
              {...register('categoryIds')}
            />
            {category.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
