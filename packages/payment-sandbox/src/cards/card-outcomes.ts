/** What happens when a card is charged, or after its 3-D Secure challenge. */
export type CardOutcome =
  | { kind: 'success' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'three_d_secure'; then: CardOutcome };

export interface TestCard {
  number: string;
  brand: string;
  funding: 'credit' | 'debit' | 'prepaid';
  outcome: CardOutcome;
  /** One line for the hosted page's "test cards" list. */
  label: string;
}

const SUCCESS: CardOutcome = { kind: 'success' };

const decline = (declineCode: string, message = 'Your card was declined.'): CardOutcome => ({
  kind: 'decline',
  code: 'card_declined',
  declineCode,
  message,
});

const cardError = (code: string, message: string): CardOutcome => ({
  kind: 'decline',
  code,
  declineCode: code,
  message,
});

const challenge = (then: CardOutcome): CardOutcome => ({ kind: 'three_d_secure', then });

/** Stripe's documented test cards (docs.stripe.com/testing) and what each does in the sandbox. */
export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242424242424242', brand: 'visa', funding: 'credit', outcome: SUCCESS, label: 'Visa, succeeds' },
  { number: '4000056655665556', brand: 'visa', funding: 'debit', outcome: SUCCESS, label: 'Visa debit, succeeds' },
  {
    number: '5555555555554444',
    brand: 'mastercard',
    funding: 'credit',
    outcome: SUCCESS,
    label: 'Mastercard, succeeds',
  },
  {
    number: '2223003122003222',
    brand: 'mastercard',
    funding: 'credit',
    outcome: SUCCESS,
    label: 'Mastercard (2-series), succeeds',
  },
  {
    number: '5200828282828210',
    brand: 'mastercard',
    funding: 'debit',
    outcome: SUCCESS,
    label: 'Mastercard debit, succeeds',
  },
  {
    number: '378282246310005',
    brand: 'amex',
    funding: 'credit',
    outcome: SUCCESS,
    label: 'American Express, succeeds',
  },
  {
    number: '371449635398431',
    brand: 'amex',
    funding: 'credit',
    outcome: SUCCESS,
    label: 'American Express, succeeds',
  },
  { number: '6011111111111117', brand: 'discover', funding: 'credit', outcome: SUCCESS, label: 'Discover, succeeds' },
  { number: '3056930009020004', brand: 'diners', funding: 'credit', outcome: SUCCESS, label: 'Diners Club, succeeds' },
  { number: '3566002020360505', brand: 'jcb', funding: 'credit', outcome: SUCCESS, label: 'JCB, succeeds' },
  { number: '6200000000000005', brand: 'unionpay', funding: 'credit', outcome: SUCCESS, label: 'UnionPay, succeeds' },
  {
    number: '4000000000000077',
    brand: 'visa',
    funding: 'credit',
    outcome: SUCCESS,
    label: 'Succeeds, funds available at once',
  },
  {
    number: '4000000000000259',
    brand: 'visa',
    funding: 'credit',
    outcome: SUCCESS,
    label: 'Succeeds (Stripe would open a dispute later; the sandbox does not)',
  },
  {
    number: '4000000000003055',
    brand: 'visa',
    funding: 'credit',
    outcome: SUCCESS,
    label: '3-D Secure supported but not required, succeeds',
  },
  {
    number: '4000000000000002',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('generic_decline'),
    label: 'Declined (generic_decline)',
  },
  {
    number: '4000000000009995',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('insufficient_funds', 'Your card has insufficient funds.'),
    label: 'Declined (insufficient_funds)',
  },
  {
    number: '4000000000009987',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('lost_card'),
    label: 'Declined (lost_card)',
  },
  {
    number: '4000000000009979',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('stolen_card'),
    label: 'Declined (stolen_card)',
  },
  {
    number: '4000000000000069',
    brand: 'visa',
    funding: 'credit',
    outcome: cardError('expired_card', 'Your card has expired.'),
    label: 'Declined (expired_card)',
  },
  {
    number: '4000000000000127',
    brand: 'visa',
    funding: 'credit',
    outcome: cardError('incorrect_cvc', "Your card's security code is incorrect."),
    label: 'Declined (incorrect_cvc)',
  },
  {
    number: '4000000000000119',
    brand: 'visa',
    funding: 'credit',
    outcome: cardError('processing_error', 'An error occurred while processing your card. Try again in a little bit.'),
    label: 'Fails (processing_error)',
  },
  {
    number: '4000000000006975',
    brand: 'visa',
    funding: 'credit',
    outcome: decline(
      'card_velocity_exceeded',
      'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
    ),
    label: 'Declined (card_velocity_exceeded)',
  },
  {
    number: '4100000000000019',
    brand: 'visa',
    funding: 'credit',
    outcome: decline('fraudulent'),
    label: 'Blocked by Radar (fraudulent)',
  },
  {
    number: '4000002500003155',
    brand: 'visa',
    funding: 'credit',
    outcome: challenge(SUCCESS),
    label: '3-D Secure required, succeeds once authenticated',
  },
  {
    number: '4000002760003184',
    brand: 'visa',
    funding: 'credit',
    outcome: challenge(SUCCESS),
    label: '3-D Secure always required, succeeds once authenticated',
  },
  {
    number: '4000000000003220',
    brand: 'visa',
    funding: 'credit',
    outcome: challenge(SUCCESS),
    label: '3-D Secure 2 required, succeeds once authenticated',
  },
  {
    number: '4000000000003063',
    brand: 'visa',
    funding: 'credit',
    outcome: challenge(SUCCESS),
    label: '3-D Secure required, succeeds once authenticated',
  },
  {
    number: '4000008400001629',
    brand: 'visa',
    funding: 'credit',
    outcome: challenge(decline('generic_decline')),
    label: '3-D Secure, then declined (card_declined)',
  },
  {
    number: '4000008260003178',
    brand: 'visa',
    funding: 'credit',
    outcome: challenge(decline('insufficient_funds', 'Your card has insufficient funds.')),
    label: '3-D Secure, then declined (insufficient_funds)',
  },
];

const BY_NUMBER = new Map(TEST_CARDS.map((card) => [card.number, card]));

/** Stripe's answer for a real (non-test) card number used in test mode. */
export const LIVE_CARD_IN_TEST_MODE: CardOutcome = decline(
  'test_mode_live_card',
  'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
);

/** Looks up a (digits-only, Luhn-valid) card number; unknown numbers behave like live cards in test mode. */
export function findCardOutcome(number: string): {
  brand: string;
  funding: 'credit' | 'debit' | 'prepaid';
  outcome: CardOutcome;
} {
  const card = BY_NUMBER.get(number);
  if (card) return card;
  return { brand: detectBrand(number), funding: 'credit', outcome: LIVE_CARD_IN_TEST_MODE };
}

/** Card brand from the number's prefix (IIN ranges), as Stripe names brands. */
export function detectBrand(number: string): string {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|64[4-9]|65)/.test(number)) return 'discover';
  if (/^(36|30[0-5]|3095|38|39)/.test(number)) return 'diners';
  if (/^35(2[89]|[3-8]\d)/.test(number)) return 'jcb';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}
