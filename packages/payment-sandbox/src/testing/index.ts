import { readForm, readPageError } from './read-form.js';

/** How a hosted-page payment ended, as a browser would experience it. */
export interface HostedPaymentResult {
  /** redirected: sent on to `location` (the success URL); declined: the page shows `error`; requires_action: 3-D Secure. */
  status: 'redirected' | 'declined' | 'requires_action';
  location?: string;
  error?: string;
  /** The decline or validation code the page reports (e.g. `insufficient_funds`, `incorrect_number`). */
  code?: string;
  challengeUrl?: string;
}

export interface PayOptions {
  /** Default 4242 4242 4242 4242. Spaces are fine, as typed. */
  card?: string;
  /** Used when the session has no `customer_email` (which the page shows read-only). Default customer@example.com. */
  email?: string;
  /** "MM / YY"; default December five years from now. */
  expiry?: string;
  /** Default 123 (1234 for American Express). */
  cvc?: string;
  /** Default "Test Customer". */
  name?: string;
  /** ISO country; default the page's preselected country. */
  country?: string;
  postalCode?: string;
  /** A shipping rate id among the session's options. */
  shippingRate?: string;
}

/**
 * Pays a Checkout Session the way a browser does, over plain HTTP: loads `session.url`, fills the page's own form
 * (hidden and default fields included) and posts it without following redirects.
 */
export async function payHostedCheckout(sessionUrl: string, options: PayOptions = {}): Promise<HostedPaymentResult> {
  const page = await fetchPage(sessionUrl);
  const form = readForm(page.body, 'payment');
  if (!form)
    throw new Error(
      `no payment form at ${sessionUrl} (HTTP ${page.status}): ${readPageError(page.body)?.message ?? 'unexpected page'}`,
    );
  const card = options.card ?? '4242 4242 4242 4242';
  const isAmex = /^3[47]/.test(card.replace(/\D/g, ''));
  const fields = new Map(form.fields);
  const fill = (name: string, value: string | undefined) => {
    if (value !== undefined && fields.has(name)) fields.set(name, value);
  };
  const isEmailFixed = new RegExp('id="email"[^>]*readonly').test(page.body);
  if (!isEmailFixed) fill('email', options.email ?? (fields.get('email') || 'customer@example.com'));
  fill('cardNumber', card);
  fill('cardExpiry', options.expiry ?? `12 / ${String((new Date().getUTCFullYear() + 5) % 100).padStart(2, '0')}`);
  fill('cardCvc', options.cvc ?? (isAmex ? '1234' : '123'));
  fill('cardholderName', options.name ?? (fields.get('cardholderName') || 'Test Customer'));
  fill('billingCountry', options.country);
  fill('billingPostalCode', options.postalCode);
  if (options.shippingRate !== undefined) fields.set('shippingRate', options.shippingRate);
  const response = await postForm(new URL(form.action, page.url).href, fields);
  return classify(response, sessionUrl);
}

/** Answers a 3-D Secure challenge page by pressing its Complete or Fail button. */
export async function completeThreeDSChallenge(
  challengeUrl: string,
  outcome: 'complete' | 'fail',
): Promise<HostedPaymentResult> {
  const page = await fetchPage(challengeUrl);
  const form = readForm(page.body, 'three-d-secure');
  if (!form)
    throw new Error(
      `no 3-D Secure form at ${challengeUrl} (HTTP ${page.status}); the challenge may already be answered`,
    );
  if (!form.buttons.get('outcome')?.includes(outcome)) throw new Error(`the challenge page has no "${outcome}" button`);
  const fields = new Map(form.fields);
  fields.set('outcome', outcome);
  const response = await postForm(new URL(form.action, page.url).href, fields);
  return classify(response, challengeUrl);
}

async function fetchPage(url: string): Promise<{ url: string; status: number; body: string }> {
  const response = await fetch(url, { redirect: 'follow', headers: { accept: 'text/html' } });
  return { url: response.url || url, status: response.status, body: await response.text() };
}

async function postForm(url: string, fields: Map<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams([...fields]).toString(),
  });
}

async function classify(response: Response, base: string): Promise<HostedPaymentResult> {
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    const location = new URL(response.headers.get('location') ?? '', base);
    if (/\/c\/pay\/[^/]+\/3ds\//.test(location.pathname))
      return { status: 'requires_action', challengeUrl: location.href };
    if (/\/c\/pay\/[^/]+$/.test(location.pathname) && location.origin === new URL(base).origin) {
      const page = await fetchPage(location.href);
      const error = readPageError(page.body);
      if (error) return { status: 'declined', error: error.message, ...(error.code ? { code: error.code } : {}) };
    }
    return { status: 'redirected', location: location.href };
  }
  const body = await response.text();
  const error = readPageError(body);
  if (response.status === 400 || response.status === 402) {
    return {
      status: 'declined',
      error: error?.message ?? `HTTP ${response.status}`,
      ...(error?.code ? { code: error.code } : {}),
    };
  }
  throw new Error(`the hosted page answered HTTP ${response.status}: ${error?.message ?? body.slice(0, 200)}`);
}
