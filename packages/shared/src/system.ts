import { z } from 'zod';

export const ZHealthResponseSchema = z.object({ status: z.literal('ok') });
export type THealthResponse = z.infer<typeof ZHealthResponseSchema>;

export const ZDependencyStatusSchema = z.enum(['up', 'down']);
export const ZReadyResponseSchema = z.object({
  status: z.literal('ready'),
  checks: z.object({ mongo: ZDependencyStatusSchema, redis: ZDependencyStatusSchema }),
});
export type TReadyResponse = z.infer<typeof ZReadyResponseSchema>;

/** Public shop settings the web app needs before anything else loads. */
export const ZStoreInfoSchema = z.object({
  name: z.string(),
  currency: z.string(),
  shippingFlatRate: z.number().int(),
  freeShippingThreshold: z.number().int(),
  shippingCountries: z.array(z.string()),
  /** True when payments go to the built-in sandbox (the web app can show test-card hints). */
  isPaymentSandbox: z.boolean(),
});
export type TStoreInfo = z.infer<typeof ZStoreInfoSchema>;
