import type { TSearchFacets } from '@mercato/shared';
import { Checkbox } from '../../../components/ui/checkbox.js';
import { formatMoney } from '../../../lib/format-money.js';
import { priceBandLabel, toggle, type SearchState } from '../lib/search-params.js';
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
  const chosenOptions = state.option.map((choice) => choice.toLowerCase());
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
      {(facets?.options ?? []).map((option) => (
        <FacetGroup
          key={option.name}
          legend={option.name}
          // Compared without case, as the API matches them: a shared link saying size:m checks "M".
          values={option.values.map((value) => ({ ...value, value: `${option.name}:${value.value}`.toLowerCase() }))}
          selected={chosenOptions}
          onToggle={(value) => onChange({ option: toggle(chosenOptions, value) })}
        />
      ))}
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

function FacetGroup(props: {
  legend: string;
  values: { value: string; label: string; count: number }[];
  selected: string[];
  onToggle: (value: string) => void;
}) {
  if (props.values.length === 0) return null;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-semibold text-slate-900">{props.legend}</legend>
      {props.values.map((value) => (
        <Checkbox
          key={value.value}
          label={`${value.label} (${value.count})`}
          checked={props.selected.includes(value.value)}
          onChange={() => props.onToggle(value.value)}
        />
      ))}
    </fieldset>
  );
}
