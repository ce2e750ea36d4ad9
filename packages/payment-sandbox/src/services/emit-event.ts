import type { RequestInfo, SandboxContext } from '../context.js';
import { createId } from '../lib/ids.js';
import type { StripeEvent } from '../objects/types.js';

/**
 * Records an event with a snapshot of the object as it is now (later changes do not alter it, as on Stripe) and hands
 * it to the webhook dispatcher.
 */
export function emitEvent(
  ctx: SandboxContext,
  type: string,
  object: object,
  request: RequestInfo,
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  const data: StripeEvent['data'] = { object: structuredClone(object) as Record<string, unknown> };
  if (previousAttributes) data.previous_attributes = previousAttributes;
  const endpoints = ctx.endpoints.subscribedTo(type).length;
  const event: StripeEvent = {
    id: createId('evt'),
    object: 'event',
    api_version: ctx.apiVersion,
    created: ctx.clock.nowSeconds(),
    data,
    livemode: false,
    pending_webhooks: endpoints,
    request: { id: request.id, idempotency_key: request.idempotencyKey },
    type,
  };
  ctx.state.events.set(event.id, event);
  ctx.dispatcher.enqueue(event);
  ctx.logger.info(`event ${type} ${event.id} → ${endpoints} endpoint(s)`);
  return event;
}
