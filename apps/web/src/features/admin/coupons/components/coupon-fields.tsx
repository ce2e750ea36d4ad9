import { useFormContext, useWatch } from 'react-hook-form';
import { Checkbox } from '../../../../components/ui/checkbox.js';
import { Input } from '../../../../components/ui/input.js';
import { Select } from '../../../../components/ui/select.js';
import { Textarea } from '../../../../components/ui/textarea.js';
import type { CouponFormValues } from '../lib/coupon-form.js';
import { CouponCategoriesField } from './coupon-categories-field.js';

/** The API's messages start lower-case ("already exists"): with the field's name in front they read as sentences. */
function sentence(label: string, message: string | undefined): string | undefined {
  return message && /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/** Every coupon field; the code is fixed once the coupon exists. */
export function CouponFields({ currency, isEdit }: { currency: string; isEdit: boolean }) {
  const { register, control, formState } = useFormContext<CouponFormValues>();
  const errors = formState.errors;
  const type = useWatch({ control, name: 'type' });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Input
        label="Code"
        required
        disabled={isEdit}
        autoComplete="off"
        hint={isEdit ? 'Codes cannot change once created.' : 'Shoppers type it; letters are not case-sensitive.'}
        error={sentence('Code', errors.code?.message)}
        className="font-mono uppercase"
        {...register('code')}
      />
      <Select label="Type" {...register('type')}>
        <option value="percent">Percentage off</option>
        <option value="fixed">Fixed amount off</option>
      </Select>
      <Input
        label={type === 'percent' ? 'Percentage (1–100)' : `Amount (${currency})`}
        required
        inputMode={type === 'percent' ? 'numeric' : 'decimal'}
        error={sentence('Value', errors.value?.message)}
        {...register('value')}
      />
      <Input
        label={`Minimum subtotal (${currency})`}
        inputMode="decimal"
        hint="Empty for no minimum."
        error={sentence('Minimum', errors.minSubtotal?.message)}
        {...register('minSubtotal')}
      />
      <Input label="Starts" type="datetime-local" error={errors.startsAt?.message} {...register('startsAt')} />
      <Input label="Ends" type="datetime-local" error={errors.endsAt?.message} {...register('endsAt')} />
      <Input
        label="Total uses"
        inputMode="numeric"
        hint="Empty for unlimited."
        error={errors.usageLimit?.message}
        {...register('usageLimit')}
      />
      <Input
        label="Uses per customer"
        inputMode="numeric"
        hint="Empty for unlimited."
        error={errors.perCustomerLimit?.message}
        {...register('perCustomerLimit')}
      />
      <Textarea
        label="Description"
        rows={2}
        hint="Shown to shoppers with the code."
        containerClassName="sm:col-span-2"
        error={errors.description?.message}
        {...register('description')}
      />
      <CouponCategoriesField />
      <Checkbox label="Active" hint="Inactive codes are refused at once." {...register('active')} />
    </div>
  );
}
