import { markup } from '../lib/html.js';
import { formatAmount } from '../lib/money.js';
import type { PendingChallenge, SessionRecord } from '../state/sandbox-state.js';
import { renderDocument } from './render-layout.js';

/** The 3-D Secure challenge: the customer's bank asks to confirm; Complete and Fail are plain form buttons. */
export function renderChallengePage(record: SessionRecord, challenge: PendingChallenge): string {
  const { session } = record;
  return renderDocument(
    'Confirm your payment · Payment sandbox',
    markup` <main class="narrow">
      <div class="panel">
        <h1>Confirm your payment</h1>
        <p>
          Your card issuer asks you to confirm a payment of
          <strong>${formatAmount(session.amount_total, session.currency)}</strong> with your ${challenge.card.brand}
          card ending in <strong>${challenge.card.last4}</strong>.
        </p>
        <p class="hint">This is a simulated 3-D Secure check: choose what the bank should answer.</p>
        <form method="post" action="/c/pay/${session.id}/3ds/${challenge.id}" data-sandbox-form="three-d-secure">
          <button type="submit" name="outcome" value="complete" class="primary">Complete authentication</button>
          <button type="submit" name="outcome" value="fail" class="secondary">Fail authentication</button>
        </form>
      </div>
    </main>`,
  );
}

/** Shown at a session's URL once it is paid (e.g. the customer pressed Back). */
export function renderCompletePage(record: SessionRecord, successUrl: string | null): string {
  return renderDocument(
    'Payment complete · Payment sandbox',
    markup` <main class="narrow">
      <div class="panel">
        <h1 class="status-ok">Payment complete</h1>
        <p>This checkout session (<code>${record.session.id}</code>) has been paid.</p>
        ${successUrl ? markup`<p><a href="${successUrl}">Return to the shop</a></p>` : ''}
      </div>
    </main>`,
  );
}

/** Shown for an expired session or an unknown one. */
export function renderUnavailablePage(title: string, message: string, backUrl: string | null): string {
  return renderDocument(
    `${title} · Payment sandbox`,
    markup` <main class="narrow">
      <div class="panel" role="alert">
        <h1>${title}</h1>
        <p data-sandbox-error>${message}</p>
        ${backUrl ? markup`<p><a href="${backUrl}">Return to the shop</a></p>` : ''}
      </div>
    </main>`,
  );
}
