import { useQueryClient } from '@tanstack/react-query';
import { useStore } from 'zustand';
import { Button } from '../../../components/ui/button.js';
import { runGuestCartMerge } from '../session/guest-cart-merge.js';
import { dismissMergeReport, mergeStore } from '../stores/merge-store.js';

/** After sign-in: which merged lines were capped, or that the merge failed (with a retry; nothing was lost). */
export function MergeReportBanner() {
  const report = useStore(mergeStore);
  const queryClient = useQueryClient();

  if (report.status === 'failed') {
    return (
      <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-red-50 p-3 text-sm">
        <p className="text-red-800">
          The items you added before signing in could not be moved to your cart yet. They are still saved here.
        </p>
        <Button size="sm" variant="secondary" onClick={() => void runGuestCartMerge(queryClient)}>
          Try again
        </Button>
      </div>
    );
  }
  if (report.status !== 'merged' || (report.adjustments.length === 0 && report.skipped === 0)) return null;
  return (
    <div className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">We added the items from before you signed in, with some changes:</p>
      <ul className="list-disc pl-5">
        {report.adjustments.map((entry) => (
          <li key={entry.variantId}>
            {entry.name}: {entry.requested} wanted, {entry.kept} kept (that is what is in stock).
          </li>
        ))}
        {report.skipped > 0 && (
          <li>
            {report.skipped} {report.skipped === 1 ? 'product is' : 'products are'} no longer available and{' '}
            {report.skipped === 1 ? 'was' : 'were'} left out.
          </li>
        )}
      </ul>
      <Button size="sm" variant="secondary" className="self-start" onClick={dismissMergeReport}>
        OK
      </Button>
    </div>
  );
}
