import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** Decorative icon above the title. */
  icon?: ReactNode;
  /** Next step, usually a Button or a link styled with `buttonClasses()`. */
  action?: ReactNode;
  /** Heading level that fits the page outline. Default `h2`. */
  as?: 'h1' | 'h2' | 'h3';
  className?: string;
}

/** What a list, search or page shows when there is nothing to show, and what to do about it. */
export function EmptyState({ title, description, icon, action, as: Heading = 'h2', className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center gap-3 rounded-lg border border-dashed border-slate-300 px-6 py-12 text-center',
        className,
      )}
    >
      {icon && (
        <div aria-hidden="true" className="text-slate-500">
          {icon}
        </div>
      )}
      <Heading className="text-lg font-semibold text-slate-900">{title}</Heading>
      {description && <p className="max-w-prose text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
