import { ZAuthResponseSchema, ZUserSchema } from '@mercato/shared';
import { z } from 'zod';

// Loaded by session-channel.ts on the first message from another tab, so zod stays out of the first-load bundle.

export const ZSessionMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('signed-in'), auth: ZAuthResponseSchema }),
  z.object({ type: z.literal('signed-out') }),
  z.object({ type: z.literal('user-updated'), user: ZUserSchema }),
]);
/** What one tab tells the others: a new token (sign-in or refresh), a sign-out, or new profile details. */
export type TSessionMessage = z.infer<typeof ZSessionMessageSchema>;
