import type { FastifyInstance } from 'fastify';
import { resourceMissing } from '../api-error.js';
import { applyExpand } from '../expand.js';
import { newestFirst, paginate } from '../list.js';
import { readString, rejectUnknownParams, type Params } from '../params.js';
import { readExpand } from '../params-formats.js';
import type { SandboxContext } from '../../context.js';
import { copy, idOf, paramsOf } from './route-helpers.js';

const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created', 'expand'];

/** PaymentIntents and Charges: read-only here, since Checkout creates them when the customer pays. */
export function registerPaymentRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const expanded = (object: object, params: Params, listItem = false) => {
    const out = copy(object) as Record<string, unknown>;
    const paths = readExpand(params).map((path) => (listItem ? path.replace(/^data\./, '') : path));
    applyExpand(out, paths, (id) => ctx.state.findById(id));
    return out;
  };

  app.get('/payment_intents/:id', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['expand', 'client_secret']);
    const pi = ctx.state.paymentIntents.get(idOf(request));
    if (!pi) throw resourceMissing('payment_intent', idOf(request), 'intent');
    return expanded(pi, params);
  });

  app.get('/payment_intents', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', LIST_PARAMS);
    const page = paginate(newestFirst(ctx.state.paymentIntents), params, '/v1/payment_intents', 'payment_intent');
    return { ...page, data: page.data.map((pi) => expanded(pi, params, true)) };
  });

  app.get('/charges/:id', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['expand']);
    const charge = ctx.state.charges.get(idOf(request));
    if (!charge) throw resourceMissing('charge', idOf(request), 'charge');
    return expanded(charge, params);
  });

  app.get('/charges', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', [...LIST_PARAMS, 'payment_intent']);
    const paymentIntent = readString(params, 'payment_intent', '');
    const charges = newestFirst(ctx.state.charges).filter(
      (charge) => !paymentIntent || charge.payment_intent === paymentIntent,
    );
    const page = paginate(charges, params, '/v1/charges', 'charge');
    return { ...page, data: page.data.map((charge) => expanded(charge, params, true)) };
  });

  app.get('/products/:id', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['expand']);
    const product = ctx.state.products.get(idOf(request));
    if (!product) throw resourceMissing('product', idOf(request), 'id');
    return copy(product);
  });
}
