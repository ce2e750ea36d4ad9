import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import { Select } from '../../../../components/ui/select.js';
import type { AdminProductsState, TProductStatus } from '../lib/admin-products-params.js';

const STATUS_LABELS: Record<TProductStatus, string> = {
  all: 'All products',
  active: 'Active',
  inactive: 'Inactive',
  archived: 'Archived',
};

export interface ProductsToolbarProps {
  state: AdminProductsState;
  onChange: (change: Partial<AdminProductsState>) => void;
}

/** Search box (applied on submit) and status filter (applied on change) above the products table. */
export function ProductsToolbar({ state, onChange }: ProductsToolbarProps) {
  const [query, setQuery] = useState(state.q);
  const [syncedQuery, setSyncedQuery] = useState(state.q);
  if (syncedQuery !== state.q) {
    // The URL changed underneath (back/forward): show its query.
    setSyncedQuery(state.q);
    setQuery(state.q);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange({ q: query.trim() });
  }

  return (
    <div className="flex flex-wrap items-end gap-3">
      <form role="search" onSubmit={handleSubmit} className="flex items-end gap-2">
        <Input
          label="Search products"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Name or description"
          containerClassName="w-64"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <Select
        label="Status"
        value={state.status}
        onChange={(event) => onChange({ status: event.target.value as TProductStatus })}
        containerClassName="w-44"
      >
        {Object.entries(STATUS_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
    </div>
  );
}
