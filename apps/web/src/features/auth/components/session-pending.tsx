import { Spinner } from '../../../components/ui/spinner.js';

/** Shown instead of a protected page for the moment a reload takes to restore the session. */
export function SessionPending({ label = 'Checking your session' }: { label?: string }) {
  return (
    <div className="flex min-h-[40dvh] items-center justify-center text-brand-700">
      <Spinner size="lg" label={label} />
    </div>
  );
}
