import { ZOutboxMessageSchema, type TOutboxMessage } from '@mercato/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../../lib/api-client.js';
import { outboxQueryKeys } from './outbox-query-keys.js';

/** `GET /api/admin/outbox/:id`: one email with its HTML and plain-text bodies. */
export function getOutboxMessage(id: string, signal?: AbortSignal): Promise<TOutboxMessage> {
  return apiFetch(`/api/admin/outbox/${encodeURIComponent(id)}`, { schema: ZOutboxMessageSchema, signal });
}

export function outboxMessageQueryOptions(id: string) {
  // A stored email never changes.
  return queryOptions({
    queryKey: outboxQueryKeys.message(id),
    queryFn: ({ signal }) => getOutboxMessage(id, signal),
    staleTime: Infinity,
  });
}

export function useOutboxMessage(id: string) {
  return useQuery(outboxMessageQueryOptions(id));
}
