import { useEffect, useRef, type ReactNode } from 'react';

interface StatusPanelProps {
  title: ReactNode;
  children?: ReactNode;
  /** Buttons or links: the next step. */
  actions?: ReactNode;
}

/**
 * What replaces a form once it is done ("Check your email"). Focus moves to its heading so screen readers read the
 * outcome and keyboard users continue from there instead of from a form that no longer exists.
 */
export function StatusPanel({ title, children, actions }: StatusPanelProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="flex flex-col gap-4">
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
        {title}
      </h2>
      {children && <div className="flex flex-col gap-3 text-slate-700">{children}</div>}
      {actions && <div className="flex flex-wrap gap-3 pt-2">{actions}</div>}
    </div>
  );
}
