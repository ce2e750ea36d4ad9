import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SandboxContext } from '../context.js';
import type { ShippingRate } from '../objects/types.js';
import { answerChallenge } from '../services/answer-challenge.js';
import { expireDueSessions } from '../services/expire-checkout-session.js';
import {
  payCheckoutSession,
  type CheckoutForm,
  type FieldError,
  type PayResult,
} from '../services/pay-checkout-session.js';
import { selectShippingRate } from '../services/select-shipping-rate.js';
import type { SessionRecord } from '../state/sandbox-state.js';
import { contentSecurityPolicy } from './page-assets.js';
import { renderCheckoutPage } from './render-checkout-page.js';
import { renderChallengePage, renderCompletePage, renderUnavailablePage } from './render-status-pages.js';

interface SessionParams {
  id: string;
}
interface ChallengeParams extends SessionParams {
  challengeId: string;
}

/**
 * The hosted checkout at `session.url` (`/c/pay/:id`) and its 3-D Secure step. Plain HTML forms with POST-redirect-GET,
 * so everything works with JavaScript disabled.
 */
export function registerHostedRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
  app.get('/favicon.ico', async (_request, reply) =>
    reply.status(204).header('cache-control', 'public, max-age=86400').send(),
  );

  app.get<{ Params: SessionParams; Querystring: { payment_error?: string } }>('/c/pay/:id', async (request, reply) => {
    expireDueSessions(ctx);
    const record = ctx.state.sessions.get(request.params.id);
    if (!record) return sendNotFound(reply);
    if (record.session.status === 'expired') return sendExpired(reply, record);
    if (record.session.status === 'complete')
      return sendPage(reply, 200, renderCompletePage(record, successUrlOf(record)), formTargets(record));
    const error = request.query.payment_error !== undefined ? record.lastError : null;
    const showError = error ? { message: error.message, code: error.decline_code ?? error.code } : null;
    return sendCheckout(reply, 200, ctx, record, {}, [], showError);
  });

  app.post<{ Params: SessionParams }>('/c/pay/:id', async (request, reply) => {
    const record = ctx.state.sessions.get(request.params.id);
    if (!record) return sendNotFound(reply);
    if (record.session.status === 'complete')
      return redirect(reply, successUrlOf(record) ?? `/c/pay/${record.session.id}`);
    const form = readForm(request.body);
    const isShippingUpdate = (request.body as Record<string, unknown> | undefined)?.intent === 'update';
    if (isShippingUpdate && record.session.status === 'open') {
      selectShippingRate(ctx, record, form.shippingRate);
      return sendCheckout(reply, 200, ctx, record, form, [], null);
    }
    const result = payCheckoutSession(ctx, record, form);
    switch (result.kind) {
      case 'invalid':
        return sendCheckout(reply, 400, ctx, record, form, result.errors, null);
      case 'declined':
        return sendCheckout(reply, 402, ctx, record, form, [], {
          message: result.error.message,
          code: result.error.decline_code ?? result.error.code,
        });
      default:
        return followResult(reply, record, result);
    }
  });

  app.get<{ Params: ChallengeParams }>('/c/pay/:id/3ds/:challengeId', async (request, reply) => {
    expireDueSessions(ctx);
    const record = ctx.state.sessions.get(request.params.id);
    const challenge = ctx.state.challenges.get(request.params.challengeId);
    if (!record) return sendNotFound(reply);
    if (!challenge || challenge.sessionId !== record.session.id || challenge.settled)
      return redirect(reply, `/c/pay/${record.session.id}`);
    return sendPage(reply, 200, renderChallengePage(record, challenge), formTargets(record));
  });

  app.post<{ Params: ChallengeParams }>('/c/pay/:id/3ds/:challengeId', async (request, reply) => {
    const record = ctx.state.sessions.get(request.params.id);
    const challenge = ctx.state.challenges.get(request.params.challengeId);
    if (!record) return sendNotFound(reply);
    if (!challenge || challenge.sessionId !== record.session.id) return redirect(reply, `/c/pay/${record.session.id}`);
    const outcome = (request.body as Record<string, unknown> | undefined)?.outcome === 'complete' ? 'complete' : 'fail';
    return followResult(reply, record, answerChallenge(ctx, challenge, outcome));
  });

  function sendCheckout(
    reply: FastifyReply,
    status: number,
    context: SandboxContext,
    record: SessionRecord,
    values: Partial<CheckoutForm>,
    fieldErrors: FieldError[],
    paymentError: { message: string; code: string } | null,
  ): FastifyReply {
    const couponId = record.session.discounts[0]?.coupon;
    const shippingRates = record.session.shipping_options
      .map((option) => context.state.shippingRates.get(String(option.shipping_rate)))
      .filter((rate): rate is ShippingRate => rate !== undefined);
    const page = renderCheckoutPage({
      record,
      coupon: couponId ? (context.state.coupons.get(couponId) ?? null) : null,
      shippingRates,
      values,
      fieldErrors,
      paymentError,
    });
    return sendPage(reply, status, page, formTargets(record));
  }
}

function followResult(reply: FastifyReply, record: SessionRecord, result: PayResult): FastifyReply {
  const sessionPath = `/c/pay/${record.session.id}`;
  switch (result.kind) {
    case 'succeeded':
      return redirect(reply, successUrlOf(record) ?? sessionPath);
    case 'requires_action':
      return redirect(reply, new URL(result.challengeUrl).pathname);
    case 'declined':
      return redirect(reply, `${sessionPath}?payment_error=1`);
    case 'invalid':
    case 'not_open':
      if (record.session.status === 'expired') return sendExpired(reply, record);
      if (record.session.status === 'complete') return redirect(reply, successUrlOf(record) ?? sessionPath);
      return redirect(reply, sessionPath);
  }
}

function readForm(body: unknown): CheckoutForm {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: keyof CheckoutForm) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  return {
    email: text('email'),
    cardholderName: text('cardholderName'),
    billingCountry: text('billingCountry'),
    billingPostalCode: text('billingPostalCode'),
    cardNumber: text('cardNumber'),
    cardExpiry: text('cardExpiry'),
    cardCvc: text('cardCvc'),
    shippingRate: text('shippingRate'),
  };
}

/** The success URL with Stripe's `{CHECKOUT_SESSION_ID}` template filled in. */
export function successUrlOf(record: SessionRecord): string | null {
  return record.session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', record.session.id) ?? null;
}

function formTargets(record: SessionRecord): string[] {
  const url = record.session.success_url;
  return url ? [new URL(url.replaceAll('{CHECKOUT_SESSION_ID}', 'x')).origin] : [];
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('Location', location).header('Cache-Control', 'no-store').send();
}

function sendNotFound(reply: FastifyReply): FastifyReply {
  return sendPage(
    reply,
    404,
    renderUnavailablePage(
      'Checkout not found',
      'This checkout session does not exist. It may have been created before the sandbox restarted.',
      null,
    ),
    [],
  );
}

function sendExpired(reply: FastifyReply, record: SessionRecord): FastifyReply {
  return sendPage(
    reply,
    410,
    renderUnavailablePage(
      'This checkout session has expired',
      'The time to pay has run out. Return to the shop to start again.',
      record.session.cancel_url,
    ),
    [],
  );
}

/** Sends an HTML page with the self-only CSP and the usual hardening headers. */
export function sendPage(reply: FastifyReply, status: number, page: string, targets: string[]): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Content-Security-Policy', contentSecurityPolicy(targets))
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-store')
    .send(page);
}
