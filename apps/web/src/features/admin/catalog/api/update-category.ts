import { ZCategorySchema, type TCategoryPatch } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { invalidateAfterCategoryWrite } from './admin-catalog-keys.js';

/** `PATCH /api/admin/categories/:id`: changes only the fields sent. */
export function updateCategory(id: string, patch: TCategoryPatch) {
  return apiFetch(`/api/admin/categories/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: patch,
    schema: ZCategorySchema,
  });
}

/** React hook: saves a category; names shown in product lists and the storefront refresh too. */
export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TCategoryPatch }) => updateCategory(id, patch),
    onSuccess: () => invalidateAfterCategoryWrite(queryClient),
  });
}
