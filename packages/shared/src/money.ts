import { z } from 'zod';

/** An amount in minor units (cents): a non-negative safe integer, never a float. */
export const ZMinorAmountSchema = z
  .number()
  .int('must be an integer amount in minor units (e.g. cents)')
  .min(0)
  .max(100_000_000_00);
export const ZCurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
