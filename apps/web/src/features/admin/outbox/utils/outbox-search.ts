/** The outbox list's state, as kept in the URL (`?page=2&to=ada@example.com&tag=auth.verify-email`). */
export interface OutboxFilters {
  page: number;
  to: string;
  tag: string;
}

const MAX_PAGE = 10_000;

/** Reads the filters from the URL; anything malformed falls back to the default (page 1, no filter). */
export function readOutboxFilters(params: URLSearchParams): OutboxFilters {
  const page = Number(params.get('page'));
  return {
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    to: (params.get('to') ?? '').trim().toLowerCase().slice(0, 254),
    tag: (params.get('tag') ?? '').trim().slice(0, 64),
  };
}

/** The URL search for `filters`, leaving out defaults so a plain list has a plain URL. */
export function writeOutboxFilters(filters: OutboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.to) params.set('to', filters.to);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}
