import type { TProductSort } from '@mercato/shared';
import { Select } from '../../../components/ui/select.js';

const SORT_LABELS: Record<TProductSort, string> = {
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  name: 'Name: A to Z',
};

/** Sort order of a listing; changes apply at once (a select has no separate submit). */
export function SortSelect({ value, onChange }: { value: TProductSort; onChange: (sort: TProductSort) => void }) {
  return (
    <Select
      label="Sort by"
      value={value}
      onChange={(event) => onChange(event.target.value as TProductSort)}
      containerClassName="w-full sm:w-56"
    >
      {Object.entries(SORT_LABELS).map(([sort, label]) => (
        <option key={sort} value={sort}>
          {label}
        </option>
      ))}
    </Select>
  );
}
