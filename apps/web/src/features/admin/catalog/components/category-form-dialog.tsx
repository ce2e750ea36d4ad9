import { zodResolver } from '@hookform/resolvers/zod';
import { ZSlugSchema, type TCategory, type TImage } from '@mercato/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '../../../../components/ui/button.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { Input } from '../../../../components/ui/input.js';
import { Textarea } from '../../../../components/ui/textarea.js';
import { useToast } from '../../../../components/ui/toast-context.js';
import { applyApiErrorToForm } from '../../../../lib/form-errors.js';
import { useCreateCategory } from '../api/create-category.js';
import { useUpdateCategory } from '../api/update-category.js';
import { CategoryImageField } from './category-image-field.js';

const ZCategoryFormSchema = z.object({
  name: z
    .string()
    .refine((text) => text.trim() !== '', 'Enter a name')
    .refine((text) => text.trim().length <= 100, 'Keep the name under 100 characters'),
  slug: z
    .string()
    .refine(
      (text) => text.trim() === '' || ZSlugSchema.safeParse(text.trim()).success,
      'Use lowercase letters, digits and single dashes, like home-office',
    ),
  description: z.string().max(2_000, 'Keep the description under 2,000 characters'),
  sortOrder: z.string().refine((text) => /^-?\d{1,5}$/.test(text.trim()), 'Enter a whole number, like 10'),
});
type TCategoryForm = z.infer<typeof ZCategoryFormSchema>;
type TFormImage = Pick<TImage, 'id' | 'src' | 'srcset'> | null;

export interface CategoryFormDialogProps {
  open: boolean;
  category: TCategory | null;
  onClose: () => void;
}

/** Create (no `category`) or edit a category in a dialog; a taken slug is reported on the slug field. */
export function CategoryFormDialog({ open, category, onClose }: CategoryFormDialogProps) {
  const [image, setImage] = useState<TFormImage>(category?.image ?? null);
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const toast = useToast();
  const form = useForm<TCategoryForm>({
    resolver: zodResolver(ZCategoryFormSchema),
    defaultValues: {
      name: category?.name ?? '',
      slug: category?.slug ?? '',
      description: category?.description ?? '',
      sortOrder: String(category?.sortOrder ?? 0),
    },
  });
  const { register, formState, setError } = form;

  const submit = form.handleSubmit(async (values) => {
    const body = {
      name: values.name.trim(),
      description: values.description.trim(),
      sortOrder: Number(values.sortOrder.trim()),
      imageId: image?.id ?? null,
      ...(values.slug.trim() ? { slug: values.slug.trim() } : {}),
    };
    try {
      const saved = category
        ? await update.mutateAsync({ id: category.id, patch: body })
        : await create.mutateAsync(body);
      toast.show({ tone: 'success', title: category ? `${saved.name} was saved` : `${saved.name} was created` });
      onClose();
    } catch (error) {
      applyApiErrorToForm(error, setError, { fields: ['name', 'slug', 'description', 'sortOrder'] });
    }
  });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={category ? `Edit ${category.name}` : 'New category'}
      size="lg"
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="category-form" isLoading={formState.isSubmitting}>
            {category ? 'Save category' : 'Create category'}
          </Button>
        </>
      }
    >
      <form id="category-form" onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Input label="Name" required {...register('name')} error={formState.errors.name?.message} />
        <Input
          label="Slug"
          hint="The address of the category page, /c/<slug>. Left empty, it is made from the name."
          {...register('slug')}
          error={formState.errors.slug?.message}
        />
        <Textarea
          label="Description"
          rows={3}
          {...register('description')}
          error={formState.errors.description?.message}
        />
        <Input
          label="Sort order"
          hint="Lower numbers come first."
          inputMode="numeric"
          {...register('sortOrder')}
          error={formState.errors.sortOrder?.message}
          containerClassName="w-40"
        />
        <CategoryImageField image={image} onChange={setImage} />
        {formState.errors.root?.server && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {formState.errors.root.server.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
