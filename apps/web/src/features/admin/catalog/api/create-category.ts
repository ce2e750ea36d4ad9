import { ZCategorySchema, type TCategoryInput } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { invalidateAfterCategoryWrite } from './admin-catalog-keys.js';

/** `POST /api/admin/categories` → 201 with the category (409 SLUG_TAKEN names `body.slug`). */
export function createCategory(input: TCategoryInput) {
  return apiFetch('/api/admin/categories', { method: 'POST', body: input, schema: ZCategorySchema });
}

/** React hook: creates a category and refreshes the admin and storefront category lists. */
export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createCategory, onSuccess: () => invalidateAfterCategoryWrite(queryClient) });
}
