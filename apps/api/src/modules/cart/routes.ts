import {
  ZAddCartItemSchema,
  ZApplyCouponSchema,
  ZCartLineQuerySchema,
  ZEmptyBodySchema,
  ZCartSchema,
  ZGuestCartSchema,
  ZProductIdParamsSchema,
  ZUpdateCartItemSchema,
  type TCart,
} from '@mercato/shared';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { ObjectId } from 'mongodb';
import { JSON_TYPE } from '../../lib/cached-response.js';
import type { RequestAuth } from '../../plugins/auth.js';
import type { CartService } from './service.js';

const tags = ['cart'];
const security = [{ bearerAuth: [] }];
const response = { 200: ZCartSchema };
/** What the response schema would do to a cart on its way out: keep the contract's fields, then JSON. */
const serializeCart = (cart: TCart) => JSON.stringify(ZCartSchema.parse(cart));
const empty = ZEmptyBodySchema;

/** The signed-in shopper's cart, plus a public preview that prices a guest cart kept in the browser. */
export function cartRoutes(cart: CartService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/cart/preview',
      { schema: { tags, summary: 'Price a guest cart (not stored)', body: ZGuestCartSchema, response } },
      async (request) => cart.preview(request.body),
    );

    await app.register(async (signedIn) => {
      signedIn.addHook('onRequest', app.authenticate);
      const user = (request: { auth: RequestAuth | null }) => new ObjectId((request.auth as RequestAuth).userId);
      const typed = signedIn.withTypeProvider<ZodTypeProvider>();

      // Already JSON (checked against the contract when it was made), so it goes out without serialising again.
      const cartJson = (auth: RequestAuth) => cart.getJson(new ObjectId(auth.userId), serializeCart);
      // The hottest signed-in read: answered before Fastify routes it when the token is good (lib/hot-reads.ts).
      app.hotReads.answerSignedIn('/api/cart', { load: cartJson, held: (auth) => cart.heldJson(auth.userId) });
      // Untyped on purpose: the answer is JSON text already, which the typed reply would not take.
      signedIn.get(
        '/api/cart',
        { schema: { tags, security, summary: 'The cart with current prices and totals', response } },
        async (request, reply) => reply.type(JSON_TYPE).send(await cartJson(request.auth as RequestAuth)),
      );
      typed.post(
        '/api/cart/items',
        {
          schema: {
            tags,
            security,
            summary: 'Add a product variant (quantities are summed; the variant may be left out when there is one)',
            body: ZAddCartItemSchema,
            response,
          },
        },
        async (request) =>
          cart.addItem(user(request), request.body.productId, request.body.quantity, request.body.variantId),
      );
      typed.patch(
        '/api/cart/items/:productId',
        {
          schema: {
            tags,
            security,
            summary: 'Set a line quantity (`variantId` names the line when the cart holds several of the product)',
            params: ZProductIdParamsSchema,
            querystring: ZCartLineQuerySchema,
            body: ZUpdateCartItemSchema,
            response,
          },
        },
        async (request) =>
          cart.setQuantity(user(request), request.params.productId, request.body.quantity, request.query.variantId),
      );
      typed.delete(
        '/api/cart/items/:productId',
        {
          schema: {
            tags,
            security,
            summary: 'Remove a line',
            params: ZProductIdParamsSchema,
            querystring: ZCartLineQuerySchema,
            response,
          },
        },
        async (request) => cart.removeItem(user(request), request.params.productId, request.query.variantId),
      );
      typed.delete('/api/cart', { schema: { tags, security, summary: 'Empty the cart', response } }, async (request) =>
        cart.clear(user(request)),
      );
      typed.post(
        '/api/cart/coupon',
        { schema: { tags, security, summary: 'Apply a coupon code', body: ZApplyCouponSchema, response } },
        async (request) => cart.applyCoupon(user(request), request.body.code),
      );
      typed.delete(
        '/api/cart/coupon',
        { schema: { tags, security, summary: 'Remove the coupon', response } },
        async (request) => cart.removeCoupon(user(request)),
      );
      typed.post(
        '/api/cart/merge',
        { schema: { tags, security, summary: 'Merge a guest cart after sign-in', body: ZGuestCartSchema, response } },
        async (request) => cart.merge(user(request), request.body),
      );
      typed.post(
        '/api/cart/acknowledge',
        { schema: { tags, security, summary: 'Dismiss price-change notices', body: empty, response } },
        async (request) => cart.acknowledge(user(request)),
      );
    });
  };
}
