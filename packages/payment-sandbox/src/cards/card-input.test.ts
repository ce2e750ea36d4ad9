import { describe, expect, it } from 'vitest';
import { isLuhnValid, parseExpiry, validateCardInput } from './card-input.js';
import { detectBrand, findCardOutcome, TEST_CARDS } from './card-outcomes.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const fields = (overrides: Partial<{ cardNumber: string; cardExpiry: string; cardCvc: string }> = {}) => ({
  cardNumber: '4242424242424242',
  cardExpiry: '12 / 30',
  cardCvc: '123',
  ...overrides,
});

describe('card input checks', () => {
  it('when every test card is checked, then each passes the Luhn checksum', () => {
    for (const card of TEST_CARDS) expect(isLuhnValid(card.number), card.number).toBe(true);
  });

  it('when the number is typed with spaces or dashes, then they are ignored', () => {
    const result = validateCardInput(fields({ cardNumber: '4242 4242-4242 4242' }), NOW);

    expect(result.errors).toEqual([]);
    expect(result.card?.number).toBe('4242424242424242');
  });

  it('when the Luhn check fails, then the number is incorrect_number', () => {
    expect(validateCardInput(fields({ cardNumber: '4242 4242 4242 4241' }), NOW).errors).toEqual([
      { field: 'cardNumber', code: 'incorrect_number', message: 'Your card number is incorrect.' },
    ]);
  });

  it('when the number is short or has letters, then it is incomplete or invalid', () => {
    expect(validateCardInput(fields({ cardNumber: '4242' }), NOW).errors[0]?.code).toBe('incomplete_number');
    expect(validateCardInput(fields({ cardNumber: '4242abcd' }), NOW).errors[0]?.code).toBe('invalid_number');
  });

  it('when the expiry month has passed, then the card is reported as expired', () => {
    expect(validateCardInput(fields({ cardExpiry: '05/26' }), NOW).errors[0]).toMatchObject({
      field: 'cardExpiry',
      code: 'expired_card',
    });
    expect(validateCardInput(fields({ cardExpiry: '06/26' }), NOW).errors).toEqual([]);
  });

  it('when the expiry is written in different ways, then each parses to month and four-digit year', () => {
    expect(parseExpiry('12 / 30')).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry('1230')).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry('7/2031')).toEqual({ month: 7, year: 2031 });
    expect(parseExpiry('13/30')).toBeNull();
  });

  it('when the CVC length does not fit the brand, then it is incomplete or invalid', () => {
    expect(validateCardInput(fields({ cardCvc: '12' }), NOW).errors[0]?.code).toBe('incomplete_cvc');
    expect(validateCardInput(fields({ cardNumber: '378282246310005', cardCvc: '123' }), NOW).errors[0]?.code).toBe(
      'incomplete_cvc',
    );
    expect(validateCardInput(fields({ cardNumber: '378282246310005', cardCvc: '1234' }), NOW).errors).toEqual([]);
    expect(validateCardInput(fields({ cardCvc: '12a' }), NOW).errors[0]?.code).toBe('invalid_cvc');
  });
});

describe('card outcomes', () => {
  it('when a number is in the test table, then its documented outcome applies', () => {
    expect(findCardOutcome('4000000000009995').outcome).toEqual({
      kind: 'decline',
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    expect(findCardOutcome('4000002500003155').outcome).toEqual({ kind: 'three_d_secure', then: { kind: 'success' } });
  });

  it('when a valid number is not a test card, then it is declined as a live card in test mode', () => {
    expect(findCardOutcome('4111111111111111').outcome).toMatchObject({
      kind: 'decline',
      declineCode: 'test_mode_live_card',
    });
  });

  it('when the brand is detected from the prefix, then Stripe’s brand names come out', () => {
    expect(
      ['4242', '5555', '2223', '3782', '6011', '3056', '3566', '6200'].map((prefix) =>
        detectBrand(`${prefix}000000000000`),
      ),
    ).toEqual(['visa', 'mastercard', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay']);
  });
});
