import type { FastifyInstance } from 'fastify';
import { resourceMissing } from '../api-error.js';
import { requestInfo } from '../api-plugin.js';
import { applyExpand } from '../expand.js';
import { newestFirst, paginate } from '../list.js';
import { readString, rejectUnknownParams } from '../params.js';
import { readExpand, readMetadata } from '../params-formats.js';
import type { SandboxContext } from '../../context.js';
import { createRefund } from '../../services/create-refund.js';
import { mergeMetadata } from './checkout-session-routes.js';
import { copy, idOf, paramsOf } from './route-helpers.js';

/** Refunds: create (full or partial), retrieve, list, update metadata. */
export function registerRefundRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const render = (refund: object, expand: string[]) => {
    const out = copy(refund) as Record<string, unknown>;
    applyExpand(out, expand, (id) => ctx.state.findById(id));
    return out;
  };
  const find = (id: string) => {
    const refund = ctx.state.refunds.get(id);
    if (!refund) throw resourceMissing('refund', id, 'refund');
    return refund;
  };

  app.post('/refunds', async (request) => {
    const { refund, expand } = createRefund(ctx, paramsOf(request), requestInfo(request));
    return render(refund, expand);
  });

  app.get('/refunds/:id', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['expand']);
    return render(find(idOf(request)), readExpand(params));
  });

  app.post('/refunds/:id', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['metadata', 'expand']);
    const refund = find(idOf(request));
    const metadata = readMetadata(params, 'metadata', '');
    if (metadata !== undefined) refund.metadata = mergeMetadata(refund.metadata, params.metadata, metadata);
    return render(refund, readExpand(params));
  });

  app.get('/refunds', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', [
      'limit',
      'starting_after',
      'ending_before',
      'created',
      'expand',
      'charge',
      'payment_intent',
    ]);
    const charge = readString(params, 'charge', '');
    const paymentIntent = readString(params, 'payment_intent', '');
    const refunds = newestFirst(ctx.state.refunds).filter(
      (refund) => (!charge || refund.charge === charge) && (!paymentIntent || refund.payment_intent === paymentIntent),
    );
    const page = paginate(refunds, params, '/v1/refunds', 'refund');
    const expand = readExpand(params).map((path) => path.replace(/^data\./, ''));
    return { ...page, data: page.data.map((refund) => render(refund, expand)) };
  });
}
