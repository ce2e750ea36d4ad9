import { Checkbox } from '../../../components/ui/checkbox.js';
import type { TOptionFacets } from '@mercato/shared';
import { hasListingFilters, NO_FILTERS, type ListingState } from '../lib/listing-params.js';
import { OptionFacetGroups } from './facet-group.js';
import { FilterPanel } from './filter-panel.js';
import { PriceFilter } from './price-filter.js';

export interface ListingFiltersProps {
  state: ListingState;
  onChange: (change: Partial<ListingState>) => void;
  digits: number | undefined;
  /** The listing's option facets with counts (Size, Colour), once loaded. */
  options: TOptionFacets | undefined;
}

/** A listing's filters: price range, option values with counts (Size M) and in stock. */
export function ListingFilters({ state, onChange, digits, options }: ListingFiltersProps) {
  return (
    <FilterPanel isFiltered={hasListingFilters(state)} onClear={() => onChange(NO_FILTERS)}>
      <PriceFilter
        minPrice={state.minPrice}
        maxPrice={state.maxPrice}
        digits={digits}
        onApply={(range) => onChange(range)}
      />
      <OptionFacetGroups facets={options} chosen={state.option} onChange={(option) => onChange({ option })} />
      <Checkbox
        label="In stock only"
        checked={state.inStock}
        onChange={(event) => onChange({ inStock: event.target.checked })}
      />
    </FilterPanel>
  );
}
