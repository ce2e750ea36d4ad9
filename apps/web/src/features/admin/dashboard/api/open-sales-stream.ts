import { z } from 'zod';
import { apiFetch } from '../../../../lib/api-client.js';

/** The `data` of a `sale` event. Not a shared schema yet: the API writes it by hand in `orders/live.ts`. */
export const ZSaleEventSchema = z.object({ type: z.literal('order.paid'), orderId: z.string() });
export type TSaleEvent = z.infer<typeof ZSaleEventSchema>;

/**
 * `GET /api/admin/analytics/stream` (Server-Sent Events, admin token): `ready` on connect, then one `sale` per paid
 * order on any API instance, and keep-alive comments. Opened with fetch so the Bearer token (and the client's
 * refresh on 401) apply; the body is read by `connectLiveStream`.
 */
export function openSalesStream(signal: AbortSignal): Promise<Response> {
  return apiFetch.response('/api/admin/analytics/stream', { headers: { accept: 'text/event-stream' }, signal });
}

/** The sale in an event's data, or null for anything else (a newer server's event types are ignored). */
export function parseSaleEvent(data: string): TSaleEvent | null {
  try {
    const parsed = ZSaleEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
