import { ORDER_STATUSES } from '@mercato/shared';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import { Select } from '../../../../components/ui/select.js';
import { describeOrderStatus } from '../../../../lib/order-status.js';
import type { AdminOrdersState } from '../lib/admin-orders-params.js';

export interface OrdersFiltersProps {
  state: AdminOrdersState;
  onChange: (change: Partial<AdminOrdersState>) => void;
}

/** Search (order number or email, applied on submit), status and date range (applied on change). */
export function OrdersFilters({ state, onChange }: OrdersFiltersProps) {
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
          label="Search orders"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Order number or email"
          containerClassName="w-64"
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <Select
        label="Status"
        value={state.status}
        onChange={(event) => onChange({ status: event.target.value as AdminOrdersState['status'] })}
        containerClassName="w-48"
      >
        <option value="all">All statuses</option>
        {ORDER_STATUSES.map((status) => (
          <option key={status} value={status}>
            {describeOrderStatus(status).label}
          </option>
        ))}
      </Select>
      <Input
        label="From"
        type="date"
        value={state.from}
        max={state.to || undefined}
        onChange={(event) => onChange({ from: event.target.value })}
        containerClassName="w-40"
      />
      <Input
        label="To"
        type="date"
        value={state.to}
        min={state.from || undefined}
        onChange={(event) => onChange({ to: event.target.value })}
        containerClassName="w-40"
      />
    </div>
  );
}
