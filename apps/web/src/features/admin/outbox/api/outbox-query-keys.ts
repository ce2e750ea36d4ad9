import type { OutboxFilters } from '../utils/outbox-search.js';

export const outboxQueryKeys = {
  all: ['admin', 'outbox'] as const,
  list: (filters: OutboxFilters) => ['admin', 'outbox', 'list', filters] as const,
  message: (id: string) => ['admin', 'outbox', 'message', id] as const,
};
