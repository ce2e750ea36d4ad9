import type { SandboxContext } from '../context.js';
import type { PendingChallenge } from '../state/sandbox-state.js';
import { expireDueSessions } from './expire-checkout-session.js';
import { applyOutcome, type PayResult } from './pay-checkout-session.js';
import { settleAuthenticationFailure, type Attempt } from './settle-payment.js';

/**
 * The customer's answer on the 3-D Secure page. "complete" carries out what the card does once authenticated (succeed,
 * or decline for the 3DS-then-decline cards); "fail" fails authentication. A challenge is answered once.
 */
export function answerChallenge(
  ctx: SandboxContext,
  challenge: PendingChallenge,
  outcome: 'complete' | 'fail',
): PayResult {
  expireDueSessions(ctx);
  const record = ctx.state.sessions.get(challenge.sessionId);
  const paymentIntent = ctx.state.paymentIntents.get(challenge.paymentIntentId);
  if (
    !record ||
    !paymentIntent ||
    challenge.settled ||
    record.session.status !== 'open' ||
    paymentIntent.status !== 'requires_action'
  ) {
    return { kind: 'not_open' };
  }
  challenge.settled = true;
  const attempt: Attempt = {
    record,
    paymentIntent,
    paymentMethodId: challenge.paymentMethodId,
    card: challenge.card,
    billing: challenge.billing,
    threeDSecure: true,
  };
  if (outcome === 'fail') return { kind: 'declined', error: settleAuthenticationFailure(ctx, attempt) };
  return applyOutcome(ctx, attempt, challenge.then);
}
