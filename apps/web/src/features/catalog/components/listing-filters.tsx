import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button.js';
import { Checkbox } from '../../../components/ui/checkbox.js';
import { cn } from '../../../lib/cn.js';
import { hasListingFilters, type ListingState } from '../lib/listing-params.js';
import { PriceFilter } from './price-filter.js';

export interface ListingFiltersProps {
  state: ListingState;
  onChange: (change: Partial<ListingState>) => void;
  digits: number | undefined;
}

/**
 * The filter panel: price range and in-stock; "Clear filters" appears once something is filtered. A sidebar on
 * wide screens; behind a "Filters" toggle on phones so the results stay near the top.
 */
export function ListingFilters({ state, onChange, digits }: ListingFiltersProps) {
  const headingId = useId();
  const panelId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const isFiltered = hasListingFilters(state);
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
            Filters{isFiltered ? ' (on)' : ''}
            <span aria-hidden="true">{isOpen ? '▴' : '▾'}</span>
          </button>
          <span className="hidden lg:inline">Filters</span>
        </h2>
        {isFiltered && (
          <Button variant="ghost" size="sm" onClick={() => onChange({ minPrice: '', maxPrice: '', inStock: false })}>
            Clear filters
          </Button>
        )}
      </div>
      <div id={panelId} className={cn('flex-col gap-6 lg:flex', isOpen ? 'flex' : 'hidden')}>
        <PriceFilter
          minPrice={state.minPrice}
          maxPrice={state.maxPrice}
          digits={digits}
          onApply={(range) => onChange(range)}
        />
        <Checkbox
          label="In stock only"
          checked={state.inStock}
          onChange={(event) => onChange({ inStock: event.target.checked })}
        />
      </div>
    </section>
  );
}
