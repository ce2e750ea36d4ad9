import { useFieldArray, useFormContext } from 'react-hook-form';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import type { ProductFormValues } from '../lib/product-form.js';

/** Key/value details shown on the product page ("Material: oak"). */
export function ProductAttributesField() {
  const { control, register, formState } = useFormContext<ProductFormValues>();
  const attributes = useFieldArray({ control, name: 'attributes' });
  const errors = formState.errors.attributes;
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 text-base font-semibold text-slate-900">Details</legend>
      {attributes.fields.length === 0 && <p className="text-sm text-slate-600">No details yet.</p>}
      <ol className="flex flex-col gap-3">
        {attributes.fields.map((field, index) => (
          <li key={field.id} className="flex flex-wrap items-start gap-3">
            <Input
              label={`Detail ${index + 1} name`}
              {...register(`attributes.${index}.key`)}
              error={errors?.[index]?.key?.message}
              containerClassName="w-40"
            />
            <Input
              label={`Detail ${index + 1} value`}
              {...register(`attributes.${index}.value`)}
              error={errors?.[index]?.value?.message}
              containerClassName="min-w-40 flex-1"
            />
            <Button variant="ghost" className="mt-6" onClick={() => attributes.remove(index)}>
              Remove<span className="sr-only"> detail {index + 1}</span>
            </Button>
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        className="self-start"
        onClick={() => attributes.append({ key: '', value: '' }, { shouldFocus: true })}
      >
        Add a detail
      </Button>
    </fieldset>
  );
}
