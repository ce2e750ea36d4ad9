import { randomToken } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import type { StripeEvent } from '../objects/types.js';
import { sendWebhook, type WebhookResponse } from './send-webhook.js';
import { signPayload } from './sign-payload.js';
import type { WebhookEndpointRegistry } from './webhook-endpoints.js';
import { orderForRelease, type ReleaseOrder } from './release-order.js';

export interface DeliveryAttempt extends WebhookResponse {
  /** Wall-clock time the attempt started (ms). */
  at: number;
}

export type DeliveryState =
  'scheduled' | 'held' | 'queued' | 'sending' | 'retrying' | 'delivered' | 'failed' | 'canceled';

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  /** True for copies asked for through the redeliver control. */
  redelivery: boolean;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** When the next attempt is due (wall clock, ms), while scheduled or retrying. */
  nextAttemptAt: number | null;
  createdAt: number;
}

export interface DispatcherOptions {
  endpoints: WebhookEndpointRegistry;
  findEvent: (id: string) => StripeEvent | undefined;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  logger: Logger;
}

const USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';
const MAX_KEPT_DELIVERIES = 5000;

/**
 * Sends events to webhook endpoints, at least once. Each endpoint has a FIFO queue worked one delivery at a time, so a
 * healthy receiver gets events in creation order; a failed attempt (non-2xx, timeout, refused) is retried after the
 * next delay of `retryDelaysMs` and re-enters the queue behind whatever is waiting, so retries can arrive out of order,
 * as on Stripe. Test controls can hold deliveries and release them in another order, delay them, or send copies.
 */
export class WebhookDispatcher {
  private readonly deliveries = new Map<string, Delivery>();
  private readonly queues = new Map<string, Delivery[]>();
  private readonly busy = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private held: Delivery[] = [];
  private holding = false;
  private delayMs = 0;
  private stopped = false;

  constructor(private readonly options: DispatcherOptions) {}

  /** Creates one delivery per subscribed endpoint for a new event. */
  enqueue(event: StripeEvent): Delivery[] {
    if (this.stopped) return [];
    return this.options.endpoints.subscribedTo(event.type).map((endpoint) => {
      const delivery = this.createDelivery(event, endpoint.id, endpoint.url, false);
      this.schedule(delivery, this.delayMs);
      return delivery;
    });
  }

  /** Sends an existing event again, `times` times to each endpoint subscribed to its type. */
  redeliver(event: StripeEvent, times = 1): Delivery[] {
    if (this.stopped) return [];
    const created: Delivery[] = [];
    for (let copy = 0; copy < times; copy++) {
      for (const endpoint of this.options.endpoints.subscribedTo(event.type)) {
        const delivery = this.createDelivery(event, endpoint.id, endpoint.url, true);
        created.push(delivery);
        this.schedule(delivery, this.delayMs);
      }
    }
    return created;
  }

  /** Stops sending: deliveries that become due wait in the held list until `release`. */
  hold(): void {
    this.holding = true;
    for (const queue of this.queues.values()) {
      for (const delivery of queue.splice(0)) this.park(delivery);
    }
  }

  /** Sends every held delivery, in creation order, reversed, or shuffled (seeded for reproducible tests). */
  release(order: ReleaseOrder = 'fifo', seed?: number): Delivery[] {
    this.holding = false;
    const released = orderForRelease(this.held, order, seed);
    this.held = [];
    for (const delivery of released) this.makeReady(delivery);
    return released;
  }

  /** Delays the first attempt of every delivery created from now on (0 turns it off). */
  setDelay(ms: number): void {
    this.delayMs = Math.max(0, ms);
  }

  /** Current control settings, for the deliveries page. */
  settings(): { holding: boolean; heldCount: number; delayMs: number; retryDelaysMs: readonly number[] } {
    return {
      holding: this.holding,
      heldCount: this.held.length,
      delayMs: this.delayMs,
      retryDelaysMs: this.options.retryDelaysMs,
    };
  }

  /** Deliveries newest first, optionally for one event. */
  list(eventId?: string): Delivery[] {
    const all = [...this.deliveries.values()].reverse();
    return eventId ? all.filter((delivery) => delivery.eventId === eventId) : all;
  }

  /** How many endpoints have not yet acknowledged the event (Stripe's `pending_webhooks`). */
  pendingFor(eventId: string): number {
    return this.list(eventId).filter((d) => !d.redelivery && d.state !== 'delivered' && d.state !== 'canceled').length;
  }

  /** Cancels timers and in-flight requests; nothing is sent afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.all(this.busy.values());
    for (const delivery of this.deliveries.values()) {
      if (delivery.state !== 'delivered' && delivery.state !== 'failed') {
        delivery.state = 'canceled';
        delivery.nextAttemptAt = null;
      }
    }
  }

  private createDelivery(event: StripeEvent, endpointId: string, url: string, redelivery: boolean): Delivery {
    const delivery: Delivery = {
      id: `dlv_${randomToken(20)}`,
      eventId: event.id,
      eventType: event.type,
      endpointId,
      url,
      redelivery,
      state: 'scheduled',
      attempts: [],
      nextAttemptAt: null,
      createdAt: Date.now(),
    };
    this.deliveries.set(delivery.id, delivery);
    this.prune();
    return delivery;
  }

  private schedule(delivery: Delivery, delayMs: number): void {
    if (delayMs <= 0) {
      this.makeReady(delivery);
      return;
    }
    delivery.nextAttemptAt = Date.now() + delayMs;
    this.later(delayMs, () => this.makeReady(delivery));
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }

  private park(delivery: Delivery): void {
    delivery.state = 'held';
    this.held.push(delivery);
  }

  private makeReady(delivery: Delivery): void {
    if (this.stopped) return;
    delivery.nextAttemptAt = null;
    if (this.holding) {
      this.park(delivery);
      return;
    }
    delivery.state = 'queued';
    const queue = this.queues.get(delivery.endpointId) ?? [];
    queue.push(delivery);
    this.queues.set(delivery.endpointId, queue);
    this.pump(delivery.endpointId);
  }

  private pump(endpointId: string): void {
    if (this.busy.has(endpointId) || this.stopped) return;
    const work = (async () => {
      const queue = this.queues.get(endpointId) ?? [];
      for (let next = queue.shift(); next && !this.stopped; next = queue.shift()) {
        await this.attempt(next);
      }
    })().finally(() => {
      this.busy.delete(endpointId);
      // Something may have been queued between the loop's last look and now.
      if ((this.queues.get(endpointId)?.length ?? 0) > 0) this.pump(endpointId);
    });
    this.busy.set(endpointId, work);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const endpoint = this.options.endpoints.get(delivery.endpointId);
    const event = this.options.findEvent(delivery.eventId);
    if (!endpoint || !event) {
      delivery.state = 'canceled';
      return;
    }
    delivery.state = 'sending';
    const payload = JSON.stringify({ ...event, pending_webhooks: this.pendingFor(event.id) }, null, 2);
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      Accept: '*/*; q=0.5, application/xml',
      'Cache-Control': 'no-cache',
      'User-Agent': USER_AGENT,
      'Stripe-Signature': signPayload(payload, endpoint.secret, Math.floor(Date.now() / 1000)),
    };
    const at = Date.now();
    const response = await sendWebhook(endpoint.url, payload, headers, this.options.timeoutMs, this.abort.signal);
    delivery.attempts.push({ ...response, at });
    if (this.stopped) return;
    const ok = response.status !== null && response.status >= 200 && response.status < 300;
    if (ok) {
      delivery.state = 'delivered';
      return;
    }
    const why = response.status !== null ? `HTTP ${response.status}` : response.error;
    const delay = this.options.retryDelaysMs[delivery.attempts.length - 1];
    if (delay === undefined) {
      delivery.state = 'failed';
      this.options.logger.error(
        `webhook ${event.type} ${event.id} to ${endpoint.url} failed for good (${why}) after ${delivery.attempts.length} attempts`,
      );
      return;
    }
    delivery.state = 'retrying';
    delivery.nextAttemptAt = Date.now() + delay;
    this.options.logger.warn(
      `webhook ${event.type} ${event.id} to ${endpoint.url} failed (${why}); retrying in ${delay} ms`,
    );
    this.later(delay, () => this.makeReady(delivery));
  }

  private prune(): void {
    if (this.deliveries.size <= MAX_KEPT_DELIVERIES) return;
    for (const [id, delivery] of this.deliveries) {
      if (this.deliveries.size <= MAX_KEPT_DELIVERIES) break;
      if (delivery.state === 'delivered' || delivery.state === 'failed' || delivery.state === 'canceled')
        this.deliveries.delete(id);
    }
  }
}
