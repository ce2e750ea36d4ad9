import { TEST_CARDS } from '../cards/card-outcomes.js';
import { markup, type SafeHtml } from '../lib/html.js';
import { currencyExponent, formatAmount } from '../lib/money.js';
import type { Coupon, ShippingRate } from '../objects/types.js';
import type { CheckoutForm, FieldError } from '../services/pay-checkout-session.js';
import type { SessionRecord } from '../state/sandbox-state.js';
import { COUNTRIES } from './countries.js';
import { renderDocument } from './render-layout.js';

export interface CheckoutPageInput {
  record: SessionRecord;
  coupon: Coupon | null;
  shippingRates: ShippingRate[];
  /** What the customer typed, to fill the form again after an error (card fields are never echoed). */
  values: Partial<CheckoutForm>;
  fieldErrors: FieldError[];
  /** A decline or failed authentication, shown at the top (code: the decline code, else the error code). */
  paymentError: { message: string; code: string } | null;
}

const SUBMIT_LABELS = { auto: 'Pay', pay: 'Pay', book: 'Book', donate: 'Donate' } as const;

/** The hosted checkout page: order summary beside a card form that works without JavaScript. */
export function renderCheckoutPage(input: CheckoutPageInput): string {
  const { session } = input.record;
  const total = formatAmount(session.amount_total, session.currency);
  const isFree = session.amount_total === 0;
  const verb = SUBMIT_LABELS[session.submit_type ?? 'auto'];
  const body = markup` <div class="layout">
    ${renderSummary(input, total)}
    <main id="payment" class="panel" aria-labelledby="pay-title">
      <h1 id="pay-title">${isFree ? 'Confirm your order' : 'Pay with card'}</h1>
      ${renderErrorSummary(input)}
      <form
        method="post"
        action="/c/pay/${session.id}"
        novalidate
        data-sandbox-form="payment"
        data-currency="${session.currency.toUpperCase()}"
        data-exponent="${currencyExponent(session.currency)}"
        data-items-total="${session.amount_subtotal - session.total_details.amount_discount}"
      >
        ${renderContact(input)} ${renderShippingChoice(input)} ${isFree ? '' : renderCard(input)}
        ${renderBilling(input)}
        <button type="submit" class="primary" data-verb="${verb}">${isFree ? 'Complete order' : `${verb} ${total}`}</button>
        <p class="secure">Payments in the sandbox are simulated; use a test card below.</p>
      </form>
      ${isFree ? '' : renderTestCards()}
    </main>
  </div>`;
  return renderDocument(`${isFree ? 'Confirm order' : `Pay ${total}`} · Payment sandbox`, body);
}

function renderSummary(input: CheckoutPageInput, total: string): SafeHtml {
  const { session } = input.record;
  const money = (amount: number) => formatAmount(amount, session.currency);
  const couponLabel = input.coupon ? (input.coupon.name ?? input.coupon.id) : '';
  const shipping = input.shippingRates.find((rate) => rate.id === session.shipping_cost?.shipping_rate);
  return markup` <section class="panel" aria-labelledby="summary-title">
    ${session.cancel_url ? markup`<a class="back" href="${session.cancel_url}">← Cancel and return to the shop</a>` : ''}
    <h2 id="summary-title">Order summary</h2>
    <p class="total-due">Total due <strong data-sandbox-total>${total}</strong></p>
    <ul class="items">
      ${input.record.lineItems.map(
        (item) =>
          markup`<li class="item">
            <span class="thumb" aria-hidden="true">${item.description.slice(0, 1).toUpperCase()}</span>
            <div>
              <p>${item.description}</p>
              <p class="meta">
                Qty ${item.quantity}${item.quantity > 1 ? markup` · ${money(item.price.unit_amount)} each` : ''}
              </p>
            </div>
            <p>${money(item.amount_subtotal)}</p>
          </li>`,
      )}
    </ul>
    <dl class="totals">
      <dt>Subtotal</dt>
      <dd>${money(session.amount_subtotal)}</dd>
      ${
        session.total_details.amount_discount > 0
          ? markup`<dt>Discount (${couponLabel})</dt>
              <dd>−${money(session.total_details.amount_discount)}</dd>`
          : ''
      }
      ${
        session.shipping_cost
          ? markup`<dt data-sandbox-shipping-label>Shipping${shipping ? ` (${shipping.display_name})` : ''}</dt>
              <dd data-sandbox-shipping>${money(session.shipping_cost.amount_total)}</dd>`
          : ''
      }
      <dt class="grand">Total due</dt>
      <dd class="grand" data-sandbox-total>${total}</dd>
    </dl>
  </section>`;
}

function renderErrorSummary(input: CheckoutPageInput): SafeHtml {
  // The region is always present (and truly empty without errors) so screen readers announce what is added to it;
  // tabindex lets the script move focus to it.
  const { paymentError, fieldErrors } = input;
  const message = paymentError
    ? markup`<p data-sandbox-error data-sandbox-error-code="${paymentError.code}">${paymentError.message}</p>`
    : fieldErrors.length > 0
      ? markup`<p data-sandbox-error>Please correct the highlighted fields.</p>`
      : '';
  const list =
    fieldErrors.length > 0
      ? markup`<ul>${fieldErrors.map((error) => markup`<li><a href="#${error.field}" data-sandbox-field-error="${error.code}">${error.message}</a></li>`)}</ul>`
      : '';
  return markup`<div id="form-errors" class="error-summary" role="alert" aria-live="assertive" tabindex="-1">${message}${list}</div>`;
}

function renderContact(input: CheckoutPageInput): SafeHtml {
  const fixedEmail = input.record.session.customer_email;
  return markup`<fieldset>
    <legend>Contact information</legend>
    ${field(input, { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', value: fixedEmail ?? input.values.email ?? '', readonly: fixedEmail !== null })}
  </fieldset>`;
}

function renderShippingChoice(input: CheckoutPageInput): SafeHtml | string {
  const { session } = input.record;
  if (input.shippingRates.length < 2) return '';
  // Without JavaScript the "Update total" button re-renders the page with the chosen rate, so the amount shown on the
  // Pay button is always the amount charged; with JavaScript the totals follow the choice at once.
  const options = input.shippingRates.map((rate) => {
    const checked = session.shipping_cost?.shipping_rate === rate.id ? markup` checked` : '';
    const price = formatAmount(rate.fixed_amount.amount, rate.fixed_amount.currency);
    return markup`<label class="choice"><input type="radio" name="shippingRate" value="${rate.id}" data-amount="${rate.fixed_amount.amount}" data-name="${rate.display_name}"${checked}><span>${rate.display_name}</span><span>${price}</span></label>`;
  });
  return markup`<fieldset>
    <legend>Shipping method</legend>
    ${options}
    <noscript><button type="submit" name="intent" value="update" class="secondary">Update total</button></noscript>
  </fieldset>`;
}

function renderCard(input: CheckoutPageInput): SafeHtml {
  return markup`<fieldset>
    <legend>Card information</legend>
    ${field(input, { name: 'cardNumber', label: 'Card number', autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '1234 1234 1234 1234', value: '' })}
    <div class="row">
      <div>
        ${field(input, { name: 'cardExpiry', label: 'Expiration (MM / YY)', autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: 'MM / YY', value: '' })}
      </div>
      <div>
        ${field(input, { name: 'cardCvc', label: 'Security code (CVC)', autocomplete: 'cc-csc', inputmode: 'numeric', placeholder: 'CVC', value: '' })}
      </div>
    </div>
    ${field(input, { name: 'cardholderName', label: 'Name on card', autocomplete: 'cc-name', value: input.values.cardholderName ?? '' })}
  </fieldset>`;
}

function renderBilling(input: CheckoutPageInput): SafeHtml {
  const isFree = input.record.session.amount_total === 0;
  const country = input.values.billingCountry ?? 'US';
  const error = fieldError(input, 'billingCountry');
  return markup`<fieldset>
    <legend>${isFree ? 'Your details' : 'Billing address'}</legend>
    ${isFree ? field(input, { name: 'cardholderName', label: 'Full name', autocomplete: 'name', value: input.values.cardholderName ?? '' }) : ''}
    <div class="row">
      <div>
        <label for="billingCountry">Country or region</label>
        <select
          id="billingCountry"
          name="billingCountry"
          autocomplete="country"
          ${error ? markup` aria-invalid="true" aria-describedby="billingCountry-error"` : ''}
        >
          ${COUNTRIES.map(([code, name]) => markup`<option value="${code}" ${code === country ? markup` selected` : ''}>${name}</option>`)}
        </select>
        ${error ? markup`<p id="billingCountry-error" class="field-error">${error.message}</p>` : ''}
      </div>
      <div>
        ${field(input, { name: 'billingPostalCode', label: 'Postal code (optional)', autocomplete: 'postal-code', value: input.values.billingPostalCode ?? '', required: false })}
      </div>
    </div>
  </fieldset>`;
}

interface FieldSpec {
  name: keyof CheckoutForm;
  label: string;
  value: string;
  type?: string;
  autocomplete: string;
  inputmode?: string;
  placeholder?: string;
  readonly?: boolean;
  required?: boolean;
}

function field(input: CheckoutPageInput, spec: FieldSpec): SafeHtml {
  const error = fieldError(input, spec.name);
  const errorId = `${spec.name}-error`;
  return markup`<label for="${spec.name}">${spec.label}</label>
    <input
      id="${spec.name}"
      name="${spec.name}"
      type="${spec.type ?? 'text'}"
      autocomplete="${spec.autocomplete}"
      ${
        spec.inputmode ? markup` inputmode="${spec.inputmode}"` : ''
      }${spec.placeholder ? markup` placeholder="${spec.placeholder}"` : ''}
      value="${spec.value}"
      ${spec.required === false ? '' : markup` required`}${
        spec.readonly ? markup` readonly` : ''
      }${error ? markup` aria-invalid="true" aria-describedby="${errorId}"` : ''}
    />
    ${error ? markup`<p id="${errorId}" class="field-error">${error.message}</p>` : ''}`;
}

function fieldError(input: CheckoutPageInput, name: keyof CheckoutForm): FieldError | undefined {
  return input.fieldErrors.find((error) => error.field === name);
}

function renderTestCards(): SafeHtml {
  return markup`<details>
    <summary>Test cards</summary>
    <p class="hint">Any future expiry date and any CVC (4 digits for American Express).</p>
    <table>
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        ${TEST_CARDS.map(
          (card) =>
            markup`<tr>
              <td><code>${card.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code></td>
              <td>${card.label}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
