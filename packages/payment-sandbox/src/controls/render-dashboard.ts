import type { SandboxContext } from '../context.js';
import { renderDocument } from '../hosted/render-layout.js';
import { markup } from '../lib/html.js';
import { formatAmount } from '../lib/money.js';
import type { Delivery } from '../webhooks/webhook-dispatcher.js';

const SHOWN_EVENTS = 50;

/** The controls page: endpoints and delivery settings, open sessions, recent events with every delivery attempt. */
export function renderDashboard(ctx: SandboxContext): string {
  const settings = ctx.dispatcher.settings();
  const events = [...ctx.state.events.values()].reverse().slice(0, SHOWN_EVENTS);
  const openSessions = [...ctx.state.sessions.values()].reverse().filter((record) => record.session.status === 'open');
  const time = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);
  const body = markup` <main class="layout">
    <div>
      <h1>Payment sandbox: events and deliveries</h1>
      <p class="hint">
        State lives in memory and is lost on restart. Sandbox clock: ${time(ctx.clock.nowSeconds())} UTC
        (${ctx.clock.offsetSeconds()} s ahead). <a href="/_sandbox">Refresh</a>
      </p>
      <section class="panel" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Webhook endpoints</h2>
        ${ctx.endpoints.list().length === 0 ? markup`<p>No endpoint is configured; events are recorded but not sent.</p>` : ''}
        <ul>
          ${ctx.endpoints.list().map((endpoint) => markup`<li><code>${endpoint.url}</code> (${endpoint.enabled_events.join(', ')}; secret …${endpoint.secret.slice(-4)})</li>`)}
        </ul>
        <p>
          Deliveries are ${settings.holding ? markup`<strong>held</strong> (${settings.heldCount} waiting)` : 'sent'};
          delay ${settings.delayMs} ms; retries after ${settings.retryDelaysMs.join(', ')} ms.
        </p>
        <form method="post" action="/_sandbox/webhooks/hold">
          <button type="submit" class="secondary">Hold deliveries</button>
        </form>
        <form method="post" action="/_sandbox/webhooks/release">
          <label for="order">Release held deliveries in order</label>
          <select id="order" name="order">
            <option value="fifo">creation order</option>
            <option value="reverse">reverse</option>
            <option value="shuffle">shuffled</option>
          </select>
          <button type="submit" class="secondary">Release</button>
        </form>
        <form method="post" action="/_sandbox/webhooks/delay">
          <label for="ms">Delay new deliveries by (ms)</label>
          <input id="ms" name="ms" inputmode="numeric" value="${settings.delayMs}" />
          <button type="submit" class="secondary">Set delay</button>
        </form>
        <form method="post" action="/_sandbox/clock/advance">
          <label for="seconds">Move the sandbox clock forward by (seconds)</label>
          <input id="seconds" name="seconds" inputmode="numeric" value="3600" />
          <button type="submit" class="secondary">Advance clock</button>
        </form>
      </section>
    </div>
    <div>
      <section class="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Open checkout sessions</h2>
        ${openSessions.length === 0 ? markup`<p>None.</p>` : ''}
        <table>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Total</th>
              <th scope="col">Expires</th>
              <th scope="col"><span class="hint">Action</span></th>
            </tr>
          </thead>
          <tbody>
            ${openSessions.map(
              ({ session }) =>
                markup`<tr>
                  <td>
                    <a href="/c/pay/${session.id}"><code>${session.id.slice(0, 20)}…</code></a>
                  </td>
                  <td>${formatAmount(session.amount_total, session.currency)}</td>
                  <td>${time(session.expires_at)}</td>
                  <td>
                    <form method="post" action="/_sandbox/checkout/sessions/${session.id}/expire">
                      <button type="submit" class="secondary">Expire now</button>
                    </form>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section class="panel" aria-labelledby="events-title">
        <h2 id="events-title">Recent events (newest first)</h2>
        ${events.length === 0 ? markup`<p>No events yet.</p>` : ''}
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Deliveries</th>
            </tr>
          </thead>
          <tbody>
            ${events.map(
              (event) =>
                markup`<tr>
                  <td>
                    <strong>${event.type}</strong><br /><code>${event.id}</code><br /><span class="hint"
                      >${time(event.created)}</span
                    >
                    <form method="post" action="/_sandbox/events/${event.id}/redeliver">
                      <label for="times-${event.id}">Copies</label
                      ><input id="times-${event.id}" name="times" inputmode="numeric" value="1" /><button
                        type="submit"
                        class="secondary"
                      >
                        Redeliver
                      </button>
                    </form>
                  </td>
                  <td>${ctx.dispatcher.list(event.id).map(renderDelivery)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
    </div>
  </main>`;
  return renderDocument('Events and deliveries · Payment sandbox', body);
}

function renderDelivery(delivery: Delivery) {
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
