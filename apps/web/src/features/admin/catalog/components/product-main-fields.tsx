import { useFormContext } from 'react-hook-form';
import { Input } from '../../../../components/ui/input.js';
import { Textarea } from '../../../../components/ui/textarea.js';
import type { ProductFormValues } from '../lib/product-form.js';

/** Name, slug and description. */
export function ProductMainFields() {
  const { register, formState } = useFormContext<ProductFormValues>();
  const { errors } = formState;
  return (
    <div className="flex flex-col gap-4">
      <Input label="Name" required {...register('name')} error={errors.name?.message} />
      <Input
        label="Slug"
        hint="The address of the product page, /p/<slug>. Left empty, it is made from the name."
        {...register('slug')}
        error={errors.slug?.message}
        autoComplete="off"
      />
      <Textarea label="Description" rows={6} {...register('description')} error={errors.description?.message} />
    </div>
  );
}
