import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { invalidateAfterCategoryWrite } from './admin-catalog-keys.js';

/** `DELETE /api/admin/categories/:id` → 204; 409 CONFLICT while products are still in it. */
export function deleteCategory(id: string) {
  return apiFetch(`/api/admin/categories/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** React hook: deletes an empty category. */
export function useDeleteCategory() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteCategory, onSuccess: () => invalidateAfterCategoryWrite(queryClient) });
}
