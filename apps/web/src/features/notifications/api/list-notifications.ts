import type { ZNotificationListResponseSchema } from '@mercato/shared';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.js';
import { COMMERCE_QUERY_KEYS } from '../../../lib/commerce-query-keys.js';

/** How often the bell looks for new notifications while the tab is open. */
const POLL_MS = 60_000;

/** `GET /api/notifications`: newest first, with the unread count for the bell. */
export function listNotifications(signal?: AbortSignal) {
  return apiFetch.json<typeof ZNotificationListResponseSchema>('/api/notifications', { signal });
}

/** React hook: the signed-in user's notifications, refreshed every minute and when the tab regains focus. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: COMMERCE_QUERY_KEYS.notifications,
    queryFn: ({ signal }) => listNotifications(signal),
    enabled,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
}
