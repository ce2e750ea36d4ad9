import { useId, useState, type ReactNode } from 'react';
import { Button } from '../../../components/ui/button.js';
import { cn } from '../../../lib/cn.js';

/**
 * The frame of a listing's or a search's filters: a sidebar on wide screens; behind a "Filters" toggle on phones so
 * the results stay near the top; "Clear filters" once something is filtered.
 */
export function FilterPanel(props: { isFiltered: boolean; onClear: () => void; children: ReactNode }) {
  const headingId = useId();
  const panelId = useId();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4 lg:sticky lg:top-24 lg:self-start">
      <div className="flex items-center justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          <button
            type="button"
            aria-expanded={isOpen}
            aria-controls={panelId}
            onClick={() => setIsOpen((open) => !open)}
            className="flex items-center gap-1 lg:hidden"
          >
            Filters{props.isFiltered ? ' (on)' : ''}
            <span aria-hidden="true">{isOpen ? '▴' : '▾'}</span>
          </button>
          <span className="hidden lg:inline">Filters</span>
        </h2>
        {props.isFiltered && (
          <Button variant="ghost" size="sm" onClick={props.onClear}>
            Clear filters
          </Button>
        )}
      </div>
      <div id={panelId} className={cn('flex-col gap-6 lg:flex', isOpen ? 'flex' : 'hidden')}>
        {props.children}
      </div>
    </section>
  );
}
