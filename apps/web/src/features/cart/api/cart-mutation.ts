import type { TCart } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cartKeys } from './cart-keys.js';

/**
 * Every cart endpoint answers with the whole cart, so a mutation just stores the answer (no refetch round trip). A
 * refused change (stock, coupon rules) refreshes the cart, since the refusal usually means the cart is out of date.
 */
export function useCartMutation<TVariables>(mutationFn: (variables: TVariables) => Promise<TCart>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (cart) => queryClient.setQueryData(cartKeys.user(), cart),
    onError: () => queryClient.invalidateQueries({ queryKey: cartKeys.user() }),
  });
}
