import type { FastifyInstance } from 'fastify';
import { resourceMissing } from '../api-error.js';
import { requestInfo } from '../api-plugin.js';
import { applyExpand } from '../expand.js';
import { newestFirst, paginate } from '../list.js';
import { readEnum, readString, rejectUnknownParams } from '../params.js';
import { readExpand, readMetadata } from '../params-formats.js';
import type { SandboxContext } from '../../context.js';
import { createCheckoutSession } from '../../services/create-checkout-session.js';
import { expireCheckoutSession } from '../../services/expire-checkout-session.js';
import { renderLineItems, renderSession } from '../../services/render-session.js';
import type { SessionRecord } from '../../state/sandbox-state.js';
import { idOf, paramsOf } from './route-helpers.js';

const LIST_PARAMS = [
  'limit',
  'starting_after',
  'ending_before',
  'created',
  'expand',
  'payment_intent',
  'status',
  'customer_details',
];

/** Checkout Sessions: create, retrieve, list, update metadata, expire, list line items. */
export function registerCheckoutSessionRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const find = (id: string): SessionRecord => {
    const record = ctx.state.sessions.get(id);
    if (!record) throw resourceMissing('checkout.session', id, 'session');
    return record;
  };

  app.post('/checkout/sessions', async (request) => {
    const params = paramsOf(request);
    const record = createCheckoutSession(ctx, params);
    return renderSession(ctx, record, readExpand(params));
  });

  app.get('/checkout/sessions', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', LIST_PARAMS);
    const paymentIntent = readString(params, 'payment_intent', '');
    const status = readEnum(params, 'status', '', ['open', 'complete', 'expired']);
    const email =
      typeof params.customer_details === 'object'
        ? readString(params.customer_details as Record<string, unknown>, 'email', 'customer_details')
        : undefined;
    const records = newestFirst(ctx.state.sessions).filter(
      (record) =>
        (!paymentIntent || record.session.payment_intent === paymentIntent) &&
        (!status || record.session.status === status) &&
        (!email || record.session.customer_details?.email === email),
    );
    const page = paginate(
      records.map((record) => ({ ...record, id: record.session.id, created: record.session.created })),
      params,
      '/v1/checkout/sessions',
      'checkout.session',
    );
    const expand = readExpand(params).map((path) => path.replace(/^data\./, ''));
    return { ...page, data: page.data.map((record) => renderSession(ctx, record, expand)) };
  });

  app.get('/checkout/sessions/:id', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['expand']);
    return renderSession(ctx, find(idOf(request)), readExpand(params));
  });

  app.post('/checkout/sessions/:id', async (request) => {
    const params = paramsOf(request);
    const record = find(idOf(request));
    rejectUnknownParams(params, '', ['metadata', 'expand'], {
      collected_information: () => false,
      shipping_options: () => false,
      line_items: () => false,
    });
    const metadata = readMetadata(params, 'metadata', '');
    if (metadata !== undefined)
      record.session.metadata = mergeMetadata(record.session.metadata, params.metadata, metadata);
    return renderSession(ctx, record, readExpand(params));
  });

  app.post('/checkout/sessions/:id/expire', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['expand']);
    const record = find(idOf(request));
    expireCheckoutSession(ctx, record, requestInfo(request));
    return renderSession(ctx, record, readExpand(params));
  });

  app.get('/checkout/sessions/:id/line_items', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['limit', 'starting_after', 'ending_before', 'expand']);
    const record = find(idOf(request));
    const expand = readExpand(params);
    const withDiscounts = expand.some((path) => path.startsWith('data.discounts'));
    const page = paginate(
      renderLineItems(record, withDiscounts),
      params,
      `/v1/checkout/sessions/${record.session.id}/line_items`,
      'item',
    );
    const out = page as unknown as Record<string, unknown>;
    applyExpand(out, expand, (id) => ctx.state.findById(id));
    return out;
  });
}

/** Stripe merges metadata on update: given keys are set, keys sent empty are removed, the rest stay. */
export function mergeMetadata(
  current: Record<string, string>,
  raw: unknown,
  parsed: Record<string, string>,
): Record<string, string> {
  if (raw === '') return {};
  const merged = { ...current, ...parsed };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) if (value === '') delete merged[key];
  return merged;
}
