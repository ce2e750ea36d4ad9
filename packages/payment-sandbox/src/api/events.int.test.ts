import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payHostedCheckout } from '../testing/index.js';
import { sessionParams, startHarness, type Harness } from '../test-support/harness.test-support.js';

interface ControlEvent {
  id: string;
  type: string;
  created: number;
  object_id: string | null;
  deliveries: Array<{ id: string; state: string; attempts: number; last_status: number | null }>;
}

describe('events', () => {
  let h: Harness;
  /** Sessions in the order they completed: two paid, then one expired. */
  const paid: string[] = [];
  let expired: string;

  beforeAll(async () => {
    h = await startHarness();
    for (let i = 0; i < 2; i++) {
      const session = await h.stripe.checkout.sessions.create(sessionParams());
      await payHostedCheckout(session.url as string);
      paid.push(session.id);
    }
    expired = (await h.stripe.checkout.sessions.create(sessionParams())).id;
    await h.stripe.checkout.sessions.expire(expired);
    await h.receiver.waitForType('checkout.session.expired', expired);
  });
  afterAll(() => h.stop());

  const objectId = (event: Stripe.Event) => (event.data.object as { id: string }).id;

  it('when events are listed by type, then only that type comes back, newest first', async () => {
    const completed = await h.stripe.events.list({ type: 'checkout.session.completed' });
    const expiredEvents = await h.stripe.events.list({ type: 'checkout.session.expired' });

    expect(completed).toMatchObject({ object: 'list', has_more: false, url: '/v1/events' });
    expect(completed.data.map((e) => e.type)).toEqual(['checkout.session.completed', 'checkout.session.completed']);
    expect(completed.data.map(objectId)).toEqual([...paid].reverse());
    expect(expiredEvents.data.map(objectId)).toEqual([expired]);
  });

  it('when a type ends with *, then every event type with that prefix is listed', async () => {
    const intents = await h.stripe.events.list({ type: 'payment_intent.*', limit: 100 });

    // The expired session never got a PaymentIntent, so only the two paid ones contribute.
    expect(intents.data.map((e) => e.type).sort()).toEqual([
      'payment_intent.created',
      'payment_intent.created',
      'payment_intent.succeeded',
      'payment_intent.succeeded',
    ]);
  });

  it('when events are paged with limit and starting_after, then the pages are consecutive and cover the whole list', async () => {
    const all = (await h.stripe.events.list({ limit: 100 })).data.map((e) => e.id);
    const paged: string[] = [];
    let page = await h.stripe.events.list({ limit: 3 });
    const pageSizes = [page.data.length];
    paged.push(...page.data.map((e) => e.id));
    while (page.has_more) {
      page = await h.stripe.events.list({ limit: 3, starting_after: paged[paged.length - 1] });
      pageSizes.push(page.data.length);
      paged.push(...page.data.map((e) => e.id));
    }

    expect(all.length).toBeGreaterThan(6);
    expect(paged).toEqual(all);
    expect(pageSizes.slice(0, -1).every((n) => n === 3)).toBe(true);
    const created = (await h.stripe.events.list({ limit: 100 })).data.map((e) => e.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it('when starting_after names an unknown event, then the list answers 404 resource_missing for it', async () => {
    const error = await h.stripe.events.list({ starting_after: 'evt_nope' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'starting_after' });
  });

  it('when an event is retrieved by id, then it is the event the webhook carried, with nothing left to deliver', async () => {
    const delivered = await h.receiver.waitForType('checkout.session.completed', paid[0]);

    const event = await h.stripe.events.retrieve(delivered.event.id);

    expect(event).toMatchObject({
      id: delivered.event.id,
      object: 'event',
      type: 'checkout.session.completed',
      created: delivered.event.created,
      livemode: false,
      pending_webhooks: 0,
    });
    expect(objectId(event)).toBe(paid[0]);
    expect(event.data.object).toEqual(delivered.event.data.object);
  });

  it('when an unknown event id is retrieved, then Stripe’s 404 resource_missing error comes back', async () => {
    const error = await h.stripe.events.retrieve('evt_does_not_exist').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      param: 'id',
      message: "No such event: 'evt_does_not_exist'",
    });
  });
});

describe('the GET /_sandbox/events control', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('when events were sent, then it lists them newest first as JSON with their deliveries', async () => {
    const session = await h.stripe.checkout.sessions.create(sessionParams());
    await payHostedCheckout(session.url as string);
    await h.receiver.waitForType('checkout.session.completed', session.id);

    const response = await fetch(`${h.sandbox.url}/_sandbox/events`);
    const body = (await response.json()) as { events: ControlEvent[] };

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const api = await h.stripe.events.list({ limit: 100 });
    expect(body.events.map((e) => e.id)).toEqual(api.data.map((e) => e.id));
    const completed = body.events.find((e) => e.type === 'checkout.session.completed');
    expect(completed).toMatchObject({ object_id: session.id });
    await expect
      .poll(async () => {
        const latest = (await (await fetch(`${h.sandbox.url}/_sandbox/events`)).json()) as { events: ControlEvent[] };
        return latest.events.find((e) => e.id === completed?.id)?.deliveries;
      })
      .toEqual([{ id: expect.any(String), state: 'delivered', attempts: 1, last_status: 200 }]);
  });
});
