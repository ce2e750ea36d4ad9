import { detectBrand } from './card-outcomes.js';

/** A problem with what the customer typed, caught before anything is charged (Stripe.js does this in the browser). */
export interface CardFieldError {
  field: 'cardNumber' | 'cardExpiry' | 'cardCvc';
  code: string;
  message: string;
}

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** True when the digits pass the Luhn checksum. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Removes the spaces and dashes people type between groups of digits. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** Parses "MM / YY", "MM/YY", "MMYY" or "MM/YYYY" into month and four-digit year. */
export function parseExpiry(raw: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(raw);
  if (!match) return null;
  const month = Number(match[1]);
  const yearText = match[2] ?? '';
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

/**
 * Checks the card fields the way Stripe's payment form does before submitting: number complete and Luhn-valid, expiry
 * well-formed and not in the past, CVC of the right length for the brand. Returns the parsed card or field errors.
 */
export function validateCardInput(
  fields: { cardNumber: string; cardExpiry: string; cardCvc: string },
  now: Date,
): { card: CardInput; errors: [] } | { card: null; errors: CardFieldError[] } {
  const errors: CardFieldError[] = [];
  const number = normalizeCardNumber(fields.cardNumber);
  if (number === '')
    errors.push({ field: 'cardNumber', code: 'incomplete_number', message: 'Your card number is incomplete.' });
  else if (!/^\d+$/.test(number))
    errors.push({ field: 'cardNumber', code: 'invalid_number', message: 'Your card number is invalid.' });
  else if (number.length < 13)
    errors.push({ field: 'cardNumber', code: 'incomplete_number', message: 'Your card number is incomplete.' });
  else if (number.length > 19 || !isLuhnValid(number)) {
    errors.push({ field: 'cardNumber', code: 'incorrect_number', message: 'Your card number is incorrect.' });
  }

  const expiry = parseExpiry(fields.cardExpiry);
  if (fields.cardExpiry.trim() === '')
    errors.push({
      field: 'cardExpiry',
      code: 'incomplete_expiry',
      message: "Your card's expiration date is incomplete.",
    });
  else if (!expiry)
    errors.push({ field: 'cardExpiry', code: 'invalid_expiry', message: "Your card's expiration date is invalid." });
  else if (isExpiryPast(expiry, now)) {
    errors.push({ field: 'cardExpiry', code: 'expired_card', message: "Your card's expiration date is in the past." });
  }

  const cvcLength = detectBrand(number) === 'amex' ? 4 : 3;
  const cvc = fields.cardCvc.trim();
  if (cvc === '' || (/^\d+$/.test(cvc) && cvc.length < cvcLength)) {
    errors.push({ field: 'cardCvc', code: 'incomplete_cvc', message: "Your card's security code is incomplete." });
  } else if (!/^\d+$/.test(cvc) || cvc.length > cvcLength) {
    errors.push({ field: 'cardCvc', code: 'invalid_cvc', message: "Your card's security code is invalid." });
  }

  if (errors.length > 0 || !expiry) return { card: null, errors };
  return { card: { number, expMonth: expiry.month, expYear: expiry.year, cvc }, errors: [] };
}

function isExpiryPast(expiry: { month: number; year: number }, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expiry.year < year || (expiry.year === year && expiry.month < month);
}
