import type { TSearchFacets } from '@mercato/shared';
import { useId, useState } from 'react';
import { Button } from '../../../components/ui/button.js';
import { Checkbox } from '../../../components/ui/checkbox.js';
import { cn } from '../../../lib/cn.js';
import { formatMoney } from '../../../lib/format-money.js';
import { priceBandLabel, toggle, type SearchState } from '../lib/search-params.js';

export interface SearchFacetsProps {
  state: SearchState;
  facets: TSearchFacets | undefined;
  currency: string | undefined;
  onChange: (change: Partial<SearchState>) => void;
}

/**
 * Facets with counts: categories and price bands (several values of one facet are alternatives, and choosing one
 * keeps the others listed with their counts) and in stock. Option facets (size, colour) join as more groups when
 * variants exist. A sidebar on wide screens, behind a "Filters" toggle on phones.
 */
export function SearchFacets({ state, facets, currency, onChange }: SearchFacetsProps) {
  const headingId = useId();
  const panelId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const isFiltered = state.category.length > 0 || state.price.length > 0 || state.inStock || state.option.length > 0;
  const chosenOptions = state.option.map((choice) => choice.toLowerCase());
  const money = (minor: number) => (currency ? formatMoney(minor, currency) : String(minor / 100));
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
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onChange({ category: [], price: [], inStock: false, option: [] })}
          >
            Clear filters
          </Button>
        )}
      </div>
      <div id={panelId} className={cn('flex-col gap-6 lg:flex', isOpen ? 'flex' : 'hidden')}>
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
      </div>
    </section>
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
