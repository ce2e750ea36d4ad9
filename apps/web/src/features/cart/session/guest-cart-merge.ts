import type { QueryClient } from '@tanstack/react-query';
import { cartKeys } from '../api/cart-keys.js';
import { mergeGuestCart } from '../api/merge-guest-cart.js';
import { toGuestCartPayload } from '../lib/guest-cart.js';
import { summarizeMerge } from '../lib/merge-report.js';
import { getGuestItems, setGuestItems } from '../stores/guest-cart-store.js';
import { mergeStore, setMergeState } from '../stores/merge-store.js';

let inFlight: Promise<void> | null = null;

async function merge(queryClient: QueryClient): Promise<void> {
  const sent = getGuestItems();
  const payload = toGuestCartPayload(sent);
  if (!payload) {
    if (sent.length > 0) setGuestItems([]); // nothing valid to keep
    if (mergeStore.getState().status === 'merging') setMergeState({ status: 'idle' }); // set before this loaded
    return;
  }
  setMergeState({ status: 'merging' });
  try {
    const merged = await mergeGuestCart(payload);
    // Only what was sent is removed: the guest cart is cleared once, after the server has it (never lost, never
    // merged twice). Items added meanwhile in another signed-out tab stay for the next sign-in.
    const sentLines = new Set(payload.items.map((item) => `${item.productId}/${item.variantId ?? ''}`));
    setGuestItems(getGuestItems().filter((item) => !sentLines.has(`${item.productId}/${item.variantId ?? ''}`)));
    // A cart read started before the merge must not overwrite the merged cart when it lands late.
    await queryClient.cancelQueries({ queryKey: cartKeys.user() });
    queryClient.setQueryData(cartKeys.user(), merged);
    setMergeState({ status: 'merged', ...summarizeMerge(payload.items, merged) });
  } catch {
    // The guest cart stays in storage; the cart page offers to try again.
    setMergeState({ status: 'failed' });
  }
}

/**
 * Merges the guest cart (localStorage) into the signed-in account's cart, once: concurrent calls share one request,
 * and the guest cart is cleared only after the API has stored it. Call it right after sign-in.
 */
export function runGuestCartMerge(queryClient: QueryClient): Promise<void> {
  inFlight ??= merge(queryClient).finally(() => {
    inFlight = null;
  });
  return inFlight;
}
