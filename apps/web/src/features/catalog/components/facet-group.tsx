import type { TOptionFacets } from '@mercato/shared';
import { Checkbox } from '../../../components/ui/checkbox.js';
import { toggle } from '../lib/option-choices.js';

export interface FacetGroupProps {
  legend: string;
  values: { value: string; label: string; count: number }[];
  selected: string[];
  onToggle: (value: string) => void;
}

/** One facet's values as checkboxes with their counts; nothing when there is nothing to choose. */
export function FacetGroup({ legend, values, selected, onToggle }: FacetGroupProps) {
  if (values.length === 0) return null;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-semibold text-slate-900">{legend}</legend>
      {values.map((value) => (
        <Checkbox
          key={value.value}
          label={`${value.label} (${value.count})`}
          checked={selected.includes(value.value)}
          onChange={() => onToggle(value.value)}
        />
      ))}
    </fieldset>
  );
}

/** One group per variant option (Size, Colour), the chosen values kept as `name:value` in `chosen`. */
export function OptionFacetGroups(props: {
  facets: TOptionFacets | undefined;
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  // Compared without case, as the API matches them: a shared link saying size:m checks "M".
  const chosen = props.chosen.map((choice) => choice.toLowerCase());
  return (props.facets ?? []).map((option) => (
    <FacetGroup
      key={option.name}
      legend={option.name}
      values={option.values.map((value) => ({ ...value, value: `${option.name}:${value.value}`.toLowerCase() }))}
      selected={chosen}
      onToggle={(value) => props.onChange(toggle(chosen, value))}
    />
  ));
}
