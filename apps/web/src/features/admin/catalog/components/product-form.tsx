import { zodResolver } from '@hookform/resolvers/zod';
import type { TAdminProduct, TCategory } from '@mercato/shared';
import type { ReactNode } from 'react';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import { Button } from '../../../../components/ui/button.js';
import { applyApiErrorToForm } from '../../../../lib/form-errors.js';
import { createProductFormSchema, type ProductFormValues } from '../lib/product-form.js';
import { ProductAttributesField } from './product-attributes-field.js';
import { ProductImagesField } from './product-images-field.js';
import { ProductMainFields } from './product-main-fields.js';
import { ProductPricingFields } from './product-pricing-fields.js';

export interface ProductFormProps {
  defaultValues: ProductFormValues;
  currency: string;
  digits: number;
  categories: readonly TCategory[];
  submitLabel: string;
  /**
   * Saves; resolves with the stored product, rejects with the API error (shown on the fields). `loaded` is what the
   * form was opened with (or last saved), the baseline an update is computed against.
   */
  onSave: (values: ProductFormValues, loaded: ProductFormValues) => Promise<TAdminProduct>;
  /** Extra actions next to the submit button (delete). */
  actions?: ReactNode;
  /** The product has options: price and stock are edited per variant, not in this form. */
  pricedPerVariant?: boolean;
}

const SECTION = 'flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6';

/** Every field the API accepts, with its client rules; server field errors land on the same fields. */
export function ProductForm(props: ProductFormProps) {
  const { defaultValues, currency, digits, categories, submitLabel, onSave, actions } = props;
  const form = useForm<ProductFormValues>({ resolver: zodResolver(createProductFormSchema(digits)), defaultValues });
  const { handleSubmit, setError, reset, formState } = form;
  const submit = handleSubmit(async (values) => {
    try {
      // What the form opened with (or last saved): react-hook-form keeps it, and a refetch while the form is open
      // does not change it, so a stock count the admin has not seen is never sent as the one they saw.
      await onSave(values, formState.defaultValues as ProductFormValues);
      reset(values);
    } catch (error) {
      const fields = [
        ...(Object.keys(defaultValues) as Path<ProductFormValues>[]),
        ...values.images.map((_, index) => `images.${index}.alt` as const),
        ...values.attributes.flatMap((_, index) => [`attributes.${index}.key`, `attributes.${index}.value`] as const),
      ];
      applyApiErrorToForm(error, setError, { fields });
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-6">
        <div className="grid gap-6 xl:grid-cols-2">
          <section aria-label="Description" className={SECTION}>
            <ProductMainFields />
          </section>
          <section aria-label="Price and stock" className={SECTION}>
            <ProductPricingFields
              currency={currency}
              digits={digits}
              categories={categories}
              pricedPerVariant={props.pricedPerVariant}
            />
          </section>
        </div>
        <section aria-label="Images" className={SECTION}>
          <ProductImagesField />
        </section>
        <section aria-label="Details" className={SECTION}>
          <ProductAttributesField />
        </section>
        {formState.errors.root?.server && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-800">
            {formState.errors.root.server.message}
          </p>
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Button type="submit" size="lg" isLoading={formState.isSubmitting}>
            {submitLabel}
          </Button>
          {actions}
        </div>
      </form>
    </FormProvider>
  );
}
