import { SHIPPING_COUNTRIES, ZShippingAddressSchema } from '@mercato/shared';
import { z } from 'zod';

/** The checkout form: the API's address schema; the country is the select's string until it is a valid choice. */
export const checkoutFormSchema = z.object({
  shippingAddress: ZShippingAddressSchema.extend({
    country: z
      .string()
      .refine((code) => (SHIPPING_COUNTRIES as readonly string[]).includes(code), 'Choose a country from the list'),
  }),
});

export type TCheckoutFormInput = z.input<typeof checkoutFormSchema>;

export const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'postalCode', 'country', 'phone'] as const;

/** The API's (and zod's) rule messages start lower-case ("is required"): with the label in front they read as sentences. */
export function labelError(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/** Shipping countries with their English names, sorted by name, for the country select. */
export function countryOptions(locale = 'en'): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  return SHIPPING_COUNTRIES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, locale),
  );
}

/** The country the browser's language points at, when the shop ships there ("en-GB" → GB); otherwise none. */
export function guessCountry(languages: readonly string[]): string {
  for (const language of languages) {
    const region = language.split('-')[1]?.toUpperCase();
    if (region && (SHIPPING_COUNTRIES as readonly string[]).includes(region)) return region;
  }
  return '';
}

/** Empty form values, with the shopper's name and a likely country filled in. */
export function emptyAddress(name = '', country = '') {
  return { name, line1: '', line2: '', city: '', postalCode: '', country, phone: '' };
}
