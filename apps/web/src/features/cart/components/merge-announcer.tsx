import { useEffect } from 'react';
import { useToast } from '../../../components/ui/toast-context.js';
import { mergeStore } from '../stores/merge-store.js';

/** Tells the shopper, with a toast, that the cart from before sign-in was merged (and how). Mount once. */
export function MergeAnnouncer() {
  const toast = useToast();
  useEffect(
    () =>
      mergeStore.subscribe((state, previous) => {
        if (state.status === 'merged' && previous.status === 'merging') {
          // Loaded with the merge itself (after sign-in), not with the first page.
          void import('../lib/merge-report.js').then(({ describeMerge }) => {
            const description = describeMerge(state);
            if (description) toast.show({ title: 'Cart updated', description, tone: 'success' });
          });
        }
      }),
    [toast],
  );
  return null;
}
