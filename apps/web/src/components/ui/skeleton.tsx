import { cn } from '../../lib/cn.js';

export interface SkeletonProps {
  /** Size and shape with utilities, e.g. `h-4 w-32` or `aspect-square w-full`. */
  className?: string;
}

/**
 * Grey placeholder shaped like the content that is loading. Hidden from assistive tech: mark the loading container
 * with `aria-busy="true"` (and a Spinner or text if the wait is long) instead.
 */
export function Skeleton({ className }: SkeletonProps) {
  return <div aria-hidden="true" className={cn('rounded-md bg-slate-200 motion-safe:animate-pulse', className)} />;
}
