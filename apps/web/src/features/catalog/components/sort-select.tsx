import type { TProductSort } from '@mercato/shared';
import { Select } from '../../../components/ui/select.js';

/** The listing's orders; search has its own (with "Best match"), passed as `labels`. */
export const LISTING_SORT_LABELS: Record<TProductSort, string> = {
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  name: 'Name: A to Z',
};

/** Sort order of a listing or of search results; changes apply at once (a select has no separate submit). */
export function SortSelect<T extends string>(props: {
  value: T;
  labels: Record<T, string>;
  onChange: (sort: T) => void;
}) {
  return (
    <Select
      label="Sort by"
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as T)}
      containerClassName="w-full sm:w-56"
    >
      {(Object.entries(props.labels) as [T, string][]).map(([sort, label]) => (
        <option key={sort} value={sort}>
          {label}
        </option>
      ))}
    </Select>
  );
}
