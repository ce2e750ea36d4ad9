import { cn } from '../../lib/cn.js';

const SIZES = { sm: 'size-4', md: 'size-6', lg: 'size-10' } as const;

export interface SpinnerProps {
  size?: keyof typeof SIZES;
  /** What is loading, read by screen readers ("Loading products"). */
  label?: string;
  /** Purely visual (e.g. inside a busy button that already says what happens): no status role, no label. */
  isDecorative?: boolean;
  className?: string;
}

/** Indeterminate progress indicator. Stops spinning for users who prefer reduced motion. */
export function Spinner({ size = 'md', label = 'Loading', isDecorative = false, className }: SpinnerProps) {
  const svg = (
    <svg viewBox="0 0 24 24" fill="none" aria-hidden="true" className={cn('motion-safe:animate-spin', SIZES[size])}>
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="3" className="opacity-25" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
  if (isDecorative) return <span className={cn('inline-flex', className)}>{svg}</span>;
  return (
    <span role="status" className={cn('inline-flex items-center', className)}>
      {svg}
      <span className="sr-only">{label}</span>
    </span>
  );
}
