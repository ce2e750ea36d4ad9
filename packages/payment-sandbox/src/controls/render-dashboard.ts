import type { SandboxContext } from '../context.js';
import { renderDocument } from '../hosted/render-layout.js';
import { markup, type SafeHtml } from '../lib/html.js';
import { formatAmount } from '../lib/money.js';
import type { StripeEvent } from '../objects/types.js';
import type { Delivery } from '../webhooks/webhook-dispatcher.js';

const SHOWN_EVENTS = 50;
const time = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);

/** The controls page: endpoints and delivery settings, open sessions, recent events with every delivery attempt. */
export function renderDashboard(ctx: SandboxContext): string {
  const body = markup`<main class="wide">
  <h1>Payment sandbox: events and deliveries</h1>
  <p class="hint">State lives in memory and is lost on restart. Sandbox clock: ${time(ctx.clock.nowSeconds())} UTC (${ctx.clock.offsetSeconds()} s ahead of the wall clock). <a href="/_sandbox">Refresh</a></p>
  ${renderControls(ctx)}
  ${renderOpenSessions(ctx)}
  ${renderEvents(ctx)}
</main>`;
  return renderDocument('Events and deliveries · Payment sandbox', body);
}

function renderControls(ctx: SandboxContext): SafeHtml {
  const settings = ctx.dispatcher.settings();
  const endpoints = ctx.endpoints.list();
  return markup`<section class="panel" aria-labelledby="controls-title">
  <h2 id="controls-title">Webhooks</h2>
  ${
    endpoints.length === 0
      ? markup`<p>No endpoint is configured: events are recorded but not sent.</p>`
      : markup`<ul>${endpoints.map((endpoint) => markup`<li><code>${endpoint.url}</code> (events: ${endpoint.enabled_events.join(', ')}; secret ending …${endpoint.secret.slice(-4)})</li>`)}</ul>`
  }
  <p>Deliveries are ${settings.holding ? markup`<strong>held</strong> (${settings.heldCount} waiting)` : 'sent as they come'}; first attempts delayed by ${settings.delayMs} ms; retries after ${settings.retryDelaysMs.join(', ')} ms.</p>
  <div class="controls">
    <form class="inline" method="post" action="/_sandbox/webhooks/hold"><button type="submit" class="secondary small">Hold deliveries</button></form>
    <form class="inline" method="post" action="/_sandbox/webhooks/release">
      <div><label for="order">Release held, in</label><select id="order" name="order"><option value="fifo">creation order</option><option value="reverse">reverse order</option><option value="shuffle">shuffled order</option></select></div>
      <button type="submit" class="secondary small">Release</button>
    </form>
    <form class="inline" method="post" action="/_sandbox/webhooks/delay">
      <div><label for="ms">Delay new deliveries (ms)</label><input id="ms" name="ms" inputmode="numeric" size="7" value="${settings.delayMs}"></div>
      <button type="submit" class="secondary small">Set delay</button>
    </form>
    <form class="inline" method="post" action="/_sandbox/clock/advance">
      <div><label for="seconds">Advance the clock (s)</label><input id="seconds" name="seconds" inputmode="numeric" size="7" value="3600"></div>
      <button type="submit" class="secondary small">Advance</button>
    </form>
  </div>
</section>`;
}

function renderOpenSessions(ctx: SandboxContext): SafeHtml {
  const open = [...ctx.state.sessions.values()].reverse().filter((record) => record.session.status === 'open');
  const rows = open.map(
    ({ session }) =>
      markup`<tr><td><a href="/c/pay/${session.id}"><code>${session.id}</code></a></td><td>${session.client_reference_id ?? ''}</td><td>${formatAmount(session.amount_total, session.currency)}</td><td>${time(session.expires_at)}</td><td><form method="post" action="/_sandbox/checkout/sessions/${session.id}/expire"><button type="submit" class="secondary small">Expire now</button></form></td></tr>`,
  );
  return markup`<section class="panel" aria-labelledby="sessions-title">
  <h2 id="sessions-title">Open checkout sessions</h2>
  ${
    open.length === 0
      ? markup`<p>None.</p>`
      : markup`<table><thead><tr><th scope="col">Session</th><th scope="col">Reference</th><th scope="col">Total</th><th scope="col">Expires (UTC)</th><th scope="col"><span class="hint">Action</span></th></tr></thead><tbody>${rows}</tbody></table>`
  }
</section>`;
}

function renderEvents(ctx: SandboxContext): SafeHtml {
  const events = [...ctx.state.events.values()].reverse().slice(0, SHOWN_EVENTS);
  return markup`<section class="panel" aria-labelledby="events-title">
  <h2 id="events-title">Recent events, newest first</h2>
  ${
    events.length === 0
      ? markup`<p>No events yet.</p>`
      : markup`<table><thead><tr><th scope="col">Event</th><th scope="col">Deliveries</th><th scope="col">Send again</th></tr></thead><tbody>${events.map((event) => renderEventRow(ctx, event))}</tbody></table>`
  }
</section>`;
}

function renderEventRow(ctx: SandboxContext, event: StripeEvent): SafeHtml {
  const objectId = (event.data.object as { id?: string }).id ?? '';
  return markup`<tr><td><strong>${event.type}</strong><br><code>${event.id}</code><br><span class="hint">${time(event.created)} · ${objectId}</span></td><td>${ctx.dispatcher.list(event.id).map(renderDelivery)}</td><td><form class="inline" method="post" action="/_sandbox/events/${event.id}/redeliver"><div><label for="times-${event.id}">Copies</label><input id="times-${event.id}" name="times" inputmode="numeric" size="3" value="1"></div><button type="submit" class="secondary small">Redeliver</button></form></td></tr>`;
}

function renderDelivery(delivery: Delivery): SafeHtml {
  const attempts = delivery.attempts.map(
    (attempt) =>
      markup`<tr><td>${new Date(attempt.at).toISOString()}</td><td>${attempt.status !== null ? `HTTP ${attempt.status}` : attempt.error}</td><td>${attempt.durationMs} ms</td><td>${attempt.body ? markup`<pre><code>${attempt.body.slice(0, 500)}</code></pre>` : ''}</td></tr>`,
  );
  const next = delivery.nextAttemptAt ? `; next attempt at ${new Date(delivery.nextAttemptAt).toISOString()}` : '';
  const count = `${delivery.attempts.length} attempt${delivery.attempts.length === 1 ? '' : 's'}`;
  return markup`<details><summary>${delivery.redelivery ? 'Copy: ' : ''}${delivery.state} (${count})</summary><p class="hint"><code>${delivery.url}</code>${next}</p>${
    attempts.length > 0
      ? markup`<table><thead><tr><th scope="col">Sent</th><th scope="col">Response</th><th scope="col">Took</th><th scope="col">Body</th></tr></thead><tbody>${attempts}</tbody></table>`
      : ''
  }</details>`;
}
