import { Skeleton } from '../../../components/ui/skeleton.js';

/** The product page's shape while it loads: gallery square, title, price, buttons, text. */
export function ProductPageSkeleton() {
  return (
    <div aria-busy="true" className="grid gap-8 lg:grid-cols-2 lg:gap-12">
      <span className="sr-only">Loading product…</span>
      <Skeleton className="aspect-square w-full rounded-xl" />
      <div className="flex flex-col gap-4">
        <Skeleton className="h-9 w-3/4" />
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-5 w-24" />
        <Skeleton className="mt-6 h-12 w-56" />
        <Skeleton className="mt-6 h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
      </div>
    </div>
  );
}
