import type { z } from 'zod';
import type { ZNotificationListResponseSchema } from '@mercato/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';

type TNotificationList = z.infer<typeof ZNotificationListResponseSchema>;

/** `POST /api/notifications/read`: marks the given notifications (all when `ids` is omitted) read. */
export function markNotificationsRead(ids?: string[]) {
  return apiFetch('/api/notifications/read', { method: 'POST', body: ids ? { ids } : {} });
}

/** React hook: marks read, updating the bell at once (and putting it back if the request fails). */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  const key = COMMERCE_QUERY_KEYS.notifications;
  return useMutation({
    mutationFn: markNotificationsRead,
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TNotificationList>(key);
      if (previous) {
        const now = new Date().toISOString();
        const isMarked = (item: TNotificationList['items'][number]) => !item.readAt && (!ids || ids.includes(item.id));
        const marked = previous.items.filter(isMarked).length;
        queryClient.setQueryData<TNotificationList>(key, {
          items: previous.items.map((item) => (isMarked(item) ? { ...item, readAt: now } : item)),
          unreadCount: ids ? Math.max(0, previous.unreadCount - marked) : 0,
        });
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
