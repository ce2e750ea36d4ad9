import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../../components/ui/toast-context.js';
import { invalidateAfterProductWrite } from './admin-catalog-keys.js';
import { patchCachedProducts } from './patch-cached-products.js';
import { updateProduct } from './update-product.js';

export type TProductFlag = 'active' | 'featured';

interface ToggleVariables {
  id: string;
  name: string;
  flag: TProductFlag;
  value: boolean;
}

/** React hook: flips `active` or `featured` from the table, optimistically, rolling back with a toast on failure. */
export function useToggleProductFlag() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ id, flag, value }: ToggleVariables) => updateProduct(id, { [flag]: value }),
    onMutate: ({ id, flag, value }) => patchCachedProducts(queryClient, id, { [flag]: value }),
    onError: (error, { name, flag }, rollback) => {
      rollback?.();
      toast.show({ tone: 'error', title: `${name}: “${flag}” was not changed`, description: error.message });
    },
    onSettled: (_data, _error, { id }) => invalidateAfterProductWrite(queryClient, id),
  });
}
