import { ZOutboxListResponseSchema } from '@mercato/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../../../lib/api-client.js';
import { STALE_TIME } from '../../../../lib/query-client.js';
import type { OutboxFilters } from '../utils/outbox-search.js';
import { outboxQueryKeys } from './outbox-query-keys.js';

export const OUTBOX_PAGE_SIZE = 20;
export type TOutboxList = z.infer<typeof ZOutboxListResponseSchema>;

/** `GET /api/admin/outbox`: emails the shop has sent, newest first, filtered by recipient and tag. */
export function listOutboxMessages(filters: OutboxFilters, signal?: AbortSignal): Promise<TOutboxList> {
  return apiFetch('/api/admin/outbox', {
    query: { page: filters.page, pageSize: OUTBOX_PAGE_SIZE, to: filters.to || null, tag: filters.tag || null },
    schema: ZOutboxListResponseSchema,
    signal,
  });
}

export function outboxMessagesQueryOptions(filters: OutboxFilters) {
  return queryOptions({
    queryKey: outboxQueryKeys.list(filters),
    queryFn: ({ signal }) => listOutboxMessages(filters, signal),
    // New emails arrive all the time (that is what someone watching the outbox is waiting for).
    staleTime: STALE_TIME.live,
  });
}

/** The list for `filters`; while the next page loads, the previous one stays on screen. */
export function useOutboxMessages(filters: OutboxFilters) {
  return useQuery({ ...outboxMessagesQueryOptions(filters), placeholderData: keepPreviousData });
}
