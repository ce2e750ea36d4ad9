import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../context.js';
import { NO_REQUEST } from '../context.js';
import { sendPage } from '../hosted/hosted-routes.js';
import { expireCheckoutSession, expireDueSessions } from '../services/expire-checkout-session.js';
import type { ReleaseOrder } from '../webhooks/release-order.js';
import { renderDashboard } from './render-dashboard.js';

/** Where the controls live: a prefix Stripe never uses. */
export const CONTROLS_PREFIX = '/_sandbox';

/**
 * Test controls (no API key, but only when addressed to the sandbox's own port, never through a public URL that
 * proxies to it): redeliver events, hold and release deliveries in another order, delay them, expire a session,
 * move the clock, and a page listing recent events and deliveries.
 */
export function registerControlRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
  isOwnHost: (host: string) => boolean,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isOwnHost(String(request.headers.host ?? ''))) {
      return reply
        .code(404)
        .type('application/json; charset=utf-8')
        .send({
          error: {
            message: 'The sandbox controls answer only on the sandbox’s own host and port.',
            type: 'invalid_request_error',
          },
        });
    }
  });

  app.get('/', async (_request, reply) => sendPage(reply, 200, renderDashboard(ctx), []));

  app.get<{ Querystring: { event?: string } }>('/deliveries', async (request) => ({
    settings: ctx.dispatcher.settings(),
    deliveries: ctx.dispatcher.list(request.query.event),
  }));

  app.get('/events', async () => ({
    events: [...ctx.state.events.values()].reverse().map((event) => ({
      id: event.id,
      type: event.type,
      created: event.created,
      object_id: (event.data.object as { id?: string }).id ?? null,
      deliveries: ctx.dispatcher.list(event.id).map((d) => ({
        id: d.id,
        state: d.state,
        attempts: d.attempts.length,
        last_status: d.attempts.at(-1)?.status ?? null,
      })),
    })),
  }));

  app.post<{ Params: { id: string } }>('/events/:id/redeliver', async (request, reply) => {
    const event = ctx.state.events.get(request.params.id);
    if (!event)
      return reply
        .code(404)
        .send({ error: { message: `No such event: '${request.params.id}'`, type: 'invalid_request_error' } });
    const times = clamp(numberField(request, 'times') ?? 1, 1, 100);
    const deliveries = ctx.dispatcher.redeliver(event, times);
    return done(request, reply, { redelivered: deliveries.map((d) => d.id), times });
  });

  app.post('/webhooks/hold', async (request, reply) => {
    ctx.dispatcher.hold();
    return done(request, reply, ctx.dispatcher.settings());
  });

  app.post('/webhooks/release', async (request, reply) => {
    const order = textField(request, 'order') ?? 'fifo';
    if (!['fifo', 'reverse', 'shuffle'].includes(order)) {
      return reply.code(400).send({
        error: { message: 'order must be fifo, reverse or shuffle', type: 'invalid_request_error', param: 'order' },
      });
    }
    const released = ctx.dispatcher.release(order as ReleaseOrder, numberField(request, 'seed'));
    return done(request, reply, { released: released.map((d) => ({ id: d.id, event: d.eventId, type: d.eventType })) });
  });

  app.post('/webhooks/delay', async (request, reply) => {
    ctx.dispatcher.setDelay(clamp(numberField(request, 'ms') ?? 0, 0, 24 * 60 * 60 * 1000));
    return done(request, reply, ctx.dispatcher.settings());
  });

  app.post<{ Params: { id: string } }>('/checkout/sessions/:id/expire', async (request, reply) => {
    const record = ctx.state.sessions.get(request.params.id);
    if (!record)
      return reply.code(404).send({
        error: { message: `No such checkout.session: '${request.params.id}'`, type: 'invalid_request_error' },
      });
    if (record.session.status !== 'open') {
      return reply.code(400).send({
        error: { message: `The session is ${record.session.status}, not open.`, type: 'invalid_request_error' },
      });
    }
    expireCheckoutSession(ctx, record, NO_REQUEST);
    return done(request, reply, { id: record.session.id, status: record.session.status });
  });

  app.post('/clock/advance', async (request, reply) => {
    const seconds = numberField(request, 'seconds');
    if (seconds === undefined || seconds < 0) {
      return reply.code(400).send({
        error: { message: 'seconds must be a non-negative number', type: 'invalid_request_error', param: 'seconds' },
      });
    }
    ctx.clock.advance(seconds);
    const expired = expireDueSessions(ctx);
    return done(request, reply, {
      now: ctx.clock.nowSeconds(),
      offset_seconds: ctx.clock.offsetSeconds(),
      expired_sessions: expired,
    });
  });
}

function field(request: FastifyRequest, name: string): unknown {
  const body = request.body as Record<string, unknown> | undefined;
  const query = request.query as Record<string, unknown> | undefined;
  return body?.[name] ?? query?.[name];
}

function textField(request: FastifyRequest, name: string): string | undefined {
  const value = field(request, name);
  return value === undefined || value === '' ? undefined : String(value);
}

function numberField(request: FastifyRequest, name: string): number | undefined {
  const text = textField(request, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Answers JSON to scripts and goes back to the page for the dashboard's own forms. */
function done(request: FastifyRequest, reply: FastifyReply, body: object): FastifyReply | object {
  const isPageForm =
    String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') &&
    String(request.headers.accept ?? '').includes('text/html');
  if (isPageForm) return reply.code(303).header('Location', CONTROLS_PREFIX).send();
  return body;
}
