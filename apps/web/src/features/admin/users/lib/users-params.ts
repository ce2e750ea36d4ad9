import type { TAdminUser } from '@mercato/shared';

/** The users list as the URL says it: `?q&role&status&page` (empty = any). */
export interface UsersState {
  q: string;
  role: '' | TAdminUser['role'];
  status: '' | TAdminUser['status'];
  page: number;
}

const ROLES = ['customer', 'admin'] as const;
const STATUSES = ['pending', 'active', 'disabled'] as const;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : '';
}

/** Reads the list state from the URL; unknown roles, statuses and pages fall back to "any" and 1. */
export function parseUsersParams(params: URLSearchParams): UsersState {
  const page = Number(params.get('page'));
  return {
    // Not clipped here: a search the API refuses (too long) is explained on the field.
    q: params.get('q')?.trim() ?? '',
    role: oneOf(params.get('role'), ROLES),
    status: oneOf(params.get('status'), STATUSES),
    page: Number.isSafeInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  };
}

/** Writes the state as a query string without defaults; any change but paging starts at page 1. */
export function toUsersSearchParams(state: UsersState, change: Partial<UsersState>): URLSearchParams {
  const next = { ...state, ...change, page: change.page ?? 1 };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.role) params.set('role', next.role);
  if (next.status) params.set('status', next.status);
  if (next.page > 1) params.set('page', String(next.page));
  return params;
}
