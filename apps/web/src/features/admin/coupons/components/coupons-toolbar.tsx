import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import { Select } from '../../../../components/ui/select.js';
import type { CouponsState } from '../lib/coupons-params.js';

/** Code search (applied on submit) and which coupons to list: the shop's, loyalty rewards, or all. */
export function CouponsToolbar({
  state,
  onChange,
}: {
  state: CouponsState;
  onChange: (change: Partial<CouponsState>) => void;
}) {
  const [query, setQuery] = useState(state.q);
  const [syncedQuery, setSyncedQuery] = useState(state.q);
  if (syncedQuery !== state.q) {
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
          label="Search codes"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Starts with…"
          containerClassName="w-56"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <Select
        label="Show"
        value={state.source}
        onChange={(event) => onChange({ source: event.target.value as CouponsState['source'] })}
        containerClassName="w-52"
      >
        <option value="admin">Shop coupons</option>
        <option value="loyalty">Loyalty rewards</option>
        <option value="all">All coupons</option>
      </Select>
    </div>
  );
}
