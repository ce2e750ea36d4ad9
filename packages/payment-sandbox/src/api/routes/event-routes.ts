import type { FastifyInstance } from 'fastify';
import { resourceMissing } from '../api-error.js';
import { newestFirst, paginate } from '../list.js';
import { readArray, readBoolean, readString, rejectUnknownParams } from '../params.js';
import type { SandboxContext } from '../../context.js';
import { copy, idOf, paramsOf } from './route-helpers.js';

/** Events: what webhooks carry, also readable through the API (Stripe keeps 30 days; the sandbox until restart). */
export function registerEventRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const render = <T extends { id: string }>(event: T) => ({
    ...copy(event),
    pending_webhooks: ctx.dispatcher.pendingFor(event.id),
  });

  app.get('/events/:id', async (request) => {
    const event = ctx.state.events.get(idOf(request));
    if (!event) throw resourceMissing('event', idOf(request), 'id');
    return render(event);
  });

  app.get('/events', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', [
      'limit',
      'starting_after',
      'ending_before',
      'created',
      'type',
      'types',
      'delivery_success',
      'expand',
    ]);
    const type = readString(params, 'type', '');
    const types = (readArray(params, 'types', '') ?? []).map(String);
    const deliverySuccess = readBoolean(params, 'delivery_success', '');
    const matchesType = (eventType: string) => {
      if (type) return type.endsWith('*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type;
      return types.length === 0 || types.includes(eventType);
    };
    const events = newestFirst(ctx.state.events).filter(
      (event) =>
        matchesType(event.type) &&
        (deliverySuccess === undefined || (ctx.dispatcher.pendingFor(event.id) === 0) === deliverySuccess),
    );
    const page = paginate(events, params, '/v1/events', 'event');
    return { ...page, data: page.data.map(render) };
  });
}
