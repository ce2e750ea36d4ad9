import { Spinner } from '../../components/ui/spinner.js';

/** Shown while the first route of a visit (or a lazy chunk on first load) is loading. */
export function PageFallback() {
  return (
    <div className="flex min-h-[50dvh] items-center justify-center text-brand-700">
      <Spinner size="lg" label="Loading page" />
    </div>
  );
}
