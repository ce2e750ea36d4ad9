import type { TSearchFacets } from '@mercato/shared';
import { Checkbox } from '../../../components/ui/checkbox.js';
import { formatMoney } from '../../../lib/format-money.js';
import { toggle } from '../lib/option-choices.js';
import { priceBandLabel, type SearchState } from '../lib/search-params.js';
import { FacetGroup, OptionFacetGroups } from './facet-group.js';
import { FilterPanel } from './filter-panel.js';

export interface SearchFacetsProps {
  state: SearchState;
  facets: TSearchFacets | undefined;
  currency: string | undefined;
  onChange: (change: Partial<SearchState>) => void;
}

/**
 * Facets with counts: categories and price bands (several values of one facet are alternatives, and choosing one
 * keeps the others listed with their counts), in stock, and one group per variant option (Size, Colour).
 */
export function SearchFacets({ state, facets, currency, onChange }: SearchFacetsProps) {
  const isFiltered = state.category.length > 0 || state.price.length > 0 || state.inStock || state.option.length > 0;
  const money = (minor: number) => (currency ? formatMoney(minor, currency) : String(minor / 100));
  return (
    <FilterPanel
      isFiltered={isFiltered}
      onClear={() => onChange({ category: [], price: [], inStock: false, option: [] })}
    >
      <FacetGroup
        legend="Category"
        values={(facets?.category ?? []).map((value) => ({ ...value, label: value.label }))}
        selected={state.category}
        onToggle={(value) => onChange({ category: toggle(state.category, value) })}
      />
      <FacetGroup
        legend="Price"
        values={(facets?.price ?? []).map((value) => ({ ...value, label: priceBandLabel(value.value, money) }))}
        selected={state.price}
        onToggle={(value) => onChange({ price: toggle(state.price, value) })}
      />
      <OptionFacetGroups facets={facets?.options} chosen={state.option} onChange={(option) => onChange({ option })} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Availability</legend>
        <Checkbox
          label={`In stock (${facets?.inStock ?? 0})`}
          checked={state.inStock}
          onChange={(event) => onChange({ inStock: event.target.checked })}
        />
      </fieldset>
    </FilterPanel>
  );
}
