import { describe, expect, it } from 'vitest';
import { checkoutFormSchema, countryOptions, emptyAddress, guessCountry, labelError } from './address-form.js';

describe('checkout address form', () => {
  it('when a country is not chosen, then the error is a sentence, and a full address passes', () => {
    const empty = checkoutFormSchema.safeParse({ shippingAddress: emptyAddress('Ada') });
    const full = checkoutFormSchema.safeParse({
      shippingAddress: {
        name: 'Ada',
        line1: '1 Road',
        line2: '',
        city: 'London',
        postalCode: 'NW1 6XE',
        country: 'GB',
        phone: '+44 20 7946 0000',
      },
    });

    expect(empty.success).toBe(false);
    const countryIssue = empty.error?.issues.find((issue) => issue.path.join('.') === 'shippingAddress.country');
    expect(countryIssue?.message).toBe('Choose a country from the list');
    expect(full.success).toBe(true);
  });

  it('when a rule message starts in lower case, then the label is put in front', () => {
    expect(labelError('City', 'is required')).toBe('City is required');
    expect(labelError('City', 'Choose one')).toBe('Choose one');
    expect(labelError('City', undefined)).toBeUndefined();
  });

  it('when the browser language names a shipping country, then it is preselected', () => {
    expect(guessCountry(['en-GB', 'en'])).toBe('GB');
    expect(guessCountry(['pt-BR', 'de'])).toBe('');
    expect(countryOptions().find((option) => option.code === 'DE')?.name).toBe('Germany');
  });
});
