import { Checkbox } from '../../../components/ui/checkbox.js';
import { hasListingFilters, type ListingState } from '../lib/listing-params.js';
import { FilterPanel } from './filter-panel.js';
import { PriceFilter } from './price-filter.js';

export interface ListingFiltersProps {
  state: ListingState;
  onChange: (change: Partial<ListingState>) => void;
  digits: number | undefined;
}

/** A listing's filters: price range and in stock. */
export function ListingFilters({ state, onChange, digits }: ListingFiltersProps) {
  return (
    <FilterPanel
      isFiltered={hasListingFilters(state)}
      onClear={() => onChange({ minPrice: '', maxPrice: '', inStock: false })}
    >
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
    </FilterPanel>
  );
}
