import { describe, expect, it } from 'vitest';
import { readForm, readPageError } from './read-form.js';

const page = `<form method="post" action="/c/pay/cs_1" novalidate data-sandbox-form="payment">
<input id="email" name="email" type="email" value="a&amp;b@example.com" readonly>
<input type="radio" name="shippingRate" value="shr_1">
<input type="radio" name="shippingRate" value="shr_2" checked>
<select name="billingCountry"><option value="CA">Canada</option><option value="US" selected>United States</option></select>
<button type="submit" name="outcome" value="complete">Complete</button>
</form>`;

describe('readForm', () => {
  it('when the sandbox page is read, then the form’s action and the values a browser would submit come out', () => {
    const form = readForm(page, 'payment');

    expect(form).toMatchObject({ action: '/c/pay/cs_1', method: 'post' });
    expect(Object.fromEntries(form?.fields ?? [])).toEqual({
      email: 'a&b@example.com',
      shippingRate: 'shr_2',
      billingCountry: 'US',
    });
    expect(form?.buttons.get('outcome')).toEqual(['complete']);
  });

  it('when the marker is absent, then there is no form', () => {
    expect(readForm(page, 'three-d-secure')).toBeNull();
  });
});

describe('readPageError', () => {
  it('when a decline is shown, then its message and code are read', () => {
    expect(
      readPageError(
        '<p data-sandbox-error data-sandbox-error-code="insufficient_funds">Your card has insufficient funds.</p>',
      ),
    ).toEqual({
      message: 'Your card has insufficient funds.',
      code: 'insufficient_funds',
    });
  });

  it('when field errors are listed, then the first field error wins', () => {
    expect(
      readPageError(
        '<p data-sandbox-error>Please correct</p><ul><li><a href="#cardNumber" data-sandbox-field-error="incorrect_number">Your card number is incorrect.</a></li></ul>',
      ),
    ).toEqual({
      message: 'Your card number is incorrect.',
      code: 'incorrect_number',
    });
  });
});
