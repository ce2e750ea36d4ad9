import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchBrowser } from '@mercato/testkit';
import type { Browser, Page } from 'playwright-core';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentSandbox, type PaymentSandbox } from './index.js';
import { createStripeClient, sessionParams } from './test-support/harness.test-support.js';

/** A tiny stand-in for the shop's success page: it shows the session id it was sent back with. */
async function startShop(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shop');
    const sessionId = url.searchParams.get('session_id') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Thank you</title><h1>${url.pathname === '/cart' ? 'Your cart' : 'Thank you'}</h1><p id="session">${sessionId.replace(/[^\w]/g, '')}</p>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the hosted checkout in a real browser', () => {
  let sandbox: PaymentSandbox;
  let stripe: Stripe;
  let shop: { url: string; server: Server };
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await startPaymentSandbox();
    stripe = createStripeClient(sandbox);
    shop = await startShop();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await new Promise((resolve) => shop?.server.close(resolve));
  });

  const newSession = () =>
    stripe.checkout.sessions.create(
      sessionParams({
        success_url: `${shop.url}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${shop.url}/cart`,
      }),
    );

  /** Opens a page and records every Content-Security-Policy violation the browser reports. */
  async function openPage(
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<{ page: Page; cspViolations: string[] }> {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return { page, cspViolations };
  }

  async function fillCard(page: Page, card: string) {
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Card number').pressSequentially(card);
    await page.getByLabel('Expiration (MM / YY)').pressSequentially('1234');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByLabel('Name on card').fill('Ada Lovelace');
  }

  it('when the customer pays with 4242 4242 4242 4242, then they land on the success URL with the session id filled in', async () => {
    const session = await newSession();
    const { page, cspViolations } = await openPage();

    await page.goto(session.url as string);
    await expect(page.getByRole('heading', { name: 'Pay with card' }).isVisible()).resolves.toBe(true);
    await fillCard(page, '4242424242424242');
    const typedNumber = await page.getByLabel('Card number').inputValue();
    const typedExpiry = await page.getByLabel('Expiration (MM / YY)').inputValue();
    await page.getByRole('button', { name: /^Pay \$84\.98$/ }).click();
    await page.waitForURL(`${shop.url}/checkout/success?session_id=${session.id}`);

    expect(await page.locator('#session').textContent()).toBe(session.id);
    expect(typedNumber).toBe('4242 4242 4242 4242');
    expect(typedExpiry).toBe('12 / 34');
    expect(cspViolations).toEqual([]);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
    });
    await page.context().close();
  });

  it('when a card is declined, then the error is announced and focused, and a second card succeeds', async () => {
    const session = await newSession();
    const { page, cspViolations } = await openPage();

    await page.goto(session.url as string);
    await fillCard(page, '4000000000009995');
    await page.getByRole('button', { name: /^Pay / }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const alertText = await alert.textContent();
    const focusedId = await page.evaluate(() => document.activeElement?.id);
    await fillCard(page, '5555555555554444');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/checkout\/success/);

    expect(alertText).toContain('Your card has insufficient funds.');
    expect(focusedId).toBe('form-errors');
    expect(cspViolations).toEqual([]);
    await page.context().close();
  });

  it('when the card asks for 3-D Secure, then the challenge page’s Complete button finishes the payment', async () => {
    const session = await newSession();
    const { page } = await openPage();

    await page.goto(session.url as string);
    await fillCard(page, '4000002500003155');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: 'Confirm your payment' }).waitFor();
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL(/\/checkout\/success/);

    expect(await page.locator('#session').textContent()).toBe(session.id);
    await page.context().close();
  });

  it('when JavaScript is disabled, then the plain form post still pays and redirects', async () => {
    const session = await newSession();
    const { page } = await openPage({ javaScriptEnabled: false });

    await page.goto(session.url as string);
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiration (MM / YY)').fill('12 / 34');
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByLabel('Name on card').fill('Ada Lovelace');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/checkout\/success/);

    expect(await page.locator('#session').textContent()).toBe(session.id);
    await page.context().close();
  });

  it('when the customer follows the cancel link, then they are back on the shop’s cancel URL', async () => {
    const session = await newSession();
    const { page } = await openPage();

    await page.goto(session.url as string);
    await page.getByRole('link', { name: /Cancel and return to the shop/ }).click();
    await page.waitForURL(`${shop.url}/cart`);

    expect(await page.getByRole('heading').textContent()).toBe('Your cart');
    await page.context().close();
  });

  it('when the customer picks express shipping, then the totals and Pay button follow at once and the charge matches', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        success_url: `${shop.url}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
        shipping_options: [
          {
            shipping_rate_data: {
              display_name: 'Standard',
              type: 'fixed_amount',
              fixed_amount: { amount: 500, currency: 'usd' },
            },
          },
          {
            shipping_rate_data: {
              display_name: 'Express',
              type: 'fixed_amount',
              fixed_amount: { amount: 1500, currency: 'usd' },
            },
          },
        ],
      }),
    );
    const { page } = await openPage();

    await page.goto(session.url as string);
    await page.getByLabel(/Express/).check();
    const shownTotal = await page.locator('strong[data-sandbox-total]').textContent();
    const payLabel = await page.locator('button.primary').textContent();
    await fillCard(page, '4242424242424242');
    await page.locator('button.primary').click();
    await page.waitForURL(/\/checkout\/success/);

    expect(shownTotal).toBe('$99.98');
    expect(payLabel).toBe('Pay $99.98');
    expect((await stripe.checkout.sessions.retrieve(session.id)).amount_total).toBe(9998);
    await page.context().close();
  });

  it('when a script that is not the page’s own is injected, then the CSP blocks it', async () => {
    const session = await newSession();
    const { page, cspViolations } = await openPage();
    await page.goto(session.url as string);

    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.appendChild(script);
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    await page.waitForTimeout(100);

    expect(ran).toBe(false);
    expect(cspViolations.length).toBeGreaterThan(0);
    await page.context().close();
  });

  it('when the page is shown on a phone-sized screen, then nothing overflows horizontally', async () => {
    const session = await newSession();
    const { page } = await openPage();
    await page.setViewportSize({ width: 360, height: 740 });

    await page.goto(session.url as string);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );

    expect(overflow).toBe(0);
    await page.context().close();
  });
});
