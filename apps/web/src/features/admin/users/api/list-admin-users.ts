import { ZAdminUserListResponseSchema } from '@mercato/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import type { UsersState } from '../lib/users-params.js';

export const USERS_PAGE_SIZE = 20;
export const adminUserKeys = {
  all: ['admin', 'users'] as const,
  list: (state: UsersState) => ['admin', 'users', 'list', state] as const,
};

/** `GET /api/admin/users?page&pageSize&q&role&status`: accounts, newest first, searchable by email or name. */
export function listAdminUsers(state: UsersState, signal?: AbortSignal) {
  return apiFetch('/api/admin/users', {
    schema: ZAdminUserListResponseSchema,
    query: {
      q: state.q || undefined,
      role: state.role || undefined,
      status: state.status || undefined,
      page: state.page,
      pageSize: USERS_PAGE_SIZE,
    },
    signal,
  });
}

export function useAdminUsers(state: UsersState) {
  return useQuery({
    queryKey: adminUserKeys.list(state),
    queryFn: ({ signal }) => listAdminUsers(state, signal),
    placeholderData: keepPreviousData,
  });
}
