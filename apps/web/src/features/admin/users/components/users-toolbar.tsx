import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import { Select } from '../../../../components/ui/select.js';
import type { UsersState } from '../lib/users-params.js';

export type TUsersFilterErrors = Partial<Record<'q' | 'role' | 'status', string>>;

export interface UsersToolbarProps {
  state: UsersState;
  onChange: (change: Partial<UsersState>) => void;
  /** The API's field errors for the list query (a search it refuses), shown on their fields. */
  errors?: TUsersFilterErrors;
}

/** Search by email or name (applied on submit), role and status (applied on change). */
export function UsersToolbar({ state, onChange, errors = {} }: UsersToolbarProps) {
  const [query, setQuery] = useState(state.q);
  const [syncedQuery, setSyncedQuery] = useState(state.q);
  if (syncedQuery !== state.q) {
    // The URL changed underneath (back/forward): show its search.
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
          label="Search users"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Email or name"
          containerClassName="w-64"
          error={errors.q}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <Select
        label="Role"
        value={state.role}
        onChange={(event) => onChange({ role: event.target.value as UsersState['role'] })}
        containerClassName="w-40"
        error={errors.role}
      >
        <option value="">All roles</option>
        <option value="customer">Customers</option>
        <option value="admin">Admins</option>
      </Select>
      <Select
        label="Status"
        value={state.status}
        onChange={(event) => onChange({ status: event.target.value as UsersState['status'] })}
        containerClassName="w-44"
        error={errors.status}
      >
        <option value="">All statuses</option>
        <option value="active">Active</option>
        <option value="pending">Email not confirmed</option>
        <option value="disabled">Disabled</option>
      </Select>
    </div>
  );
}
