import { useId, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import type { OutboxFilters as TOutboxFilters } from '../utils/outbox-search.js';

/** Tags the shop sends today; the field accepts any other tag too. */
const KNOWN_TAGS = ['auth.verify-email', 'auth.already-registered', 'auth.reset-password', 'auth.password-changed'];

interface OutboxFiltersProps {
  filters: TOutboxFilters;
  onChange: (filters: Pick<TOutboxFilters, 'to' | 'tag'>) => void;
}

/** Recipient and tag filters, applied on submit (Enter) so each keystroke does not hit the API. */
export function OutboxFilters({ filters, onChange }: OutboxFiltersProps) {
  const tagListId = useId();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onChange({ to: String(data.get('to') ?? '').trim(), tag: String(data.get('tag') ?? '').trim() });
  };
  const hasFilters = Boolean(filters.to || filters.tag);

  return (
    // Keyed on the URL's values so Back/Forward (or "Clear") resets the uncontrolled fields.
    <form
      key={`${filters.to}|${filters.tag}`}
      role="search"
      aria-label="Filter emails"
      onSubmit={handleSubmit}
      className="flex flex-wrap items-end gap-3"
    >
      <Input
        name="to"
        type="email"
        label="Recipient"
        placeholder="name@example.com"
        defaultValue={filters.to}
        autoComplete="off"
        containerClassName="w-full sm:w-64"
      />
      <Input
        name="tag"
        label="Tag"
        placeholder="auth.verify-email"
        list={tagListId}
        defaultValue={filters.tag}
        autoComplete="off"
        containerClassName="w-full sm:w-56"
      />
      <datalist id={tagListId}>
        {KNOWN_TAGS.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {hasFilters && (
        <Button variant="ghost" onClick={() => onChange({ to: '', tag: '' })}>
          Clear filters
        </Button>
      )}
    </form>
  );
}
