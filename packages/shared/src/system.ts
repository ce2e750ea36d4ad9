import { z } from 'zod';

export const ZHealthResponseSchema = z.object({ status: z.literal('ok') });
export type THealthResponse = z.infer<typeof ZHealthResponseSchema>;

export const ZDependencyStatusSchema = z.enum(['up', 'down']);
export const ZReadyResponseSchema = z.object({
  status: z.literal('ready'),
  checks: z.object({ mongo: ZDependencyStatusSchema, redis: ZDependencyStatusSchema }),
});
export type TReadyResponse = z.infer<typeof ZReadyResponseSchema>;
