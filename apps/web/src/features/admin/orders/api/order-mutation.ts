import type { TAdminOrder } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminOrderKeys } from './admin-orders-keys.js';

/** Order actions answer with the updated order: store it, and refresh the lists (its status changed). */
export function useOrderMutation<TVariables>(mutationFn: (variables: TVariables) => Promise<TAdminOrder>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (order) => {
      queryClient.setQueryData(adminOrderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: [...adminOrderKeys.all, 'list'] });
    },
  });
}
