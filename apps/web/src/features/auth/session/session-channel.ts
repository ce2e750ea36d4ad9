import { ZAuthResponseSchema, ZUserSchema } from '@mercato/shared';
import { z } from 'zod';

const CHANNEL_NAME = 'mercato-auth';

const ZSessionMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('signed-in'), auth: ZAuthResponseSchema }),
  z.object({ type: z.literal('signed-out') }),
  z.object({ type: z.literal('user-updated'), user: ZUserSchema }),
]);
/** What one tab tells the others: a new token (sign-in or refresh), a sign-out, or new profile details. */
export type TSessionMessage = z.infer<typeof ZSessionMessageSchema>;

export interface SessionChannel {
  post: (message: TSessionMessage) => void;
  subscribe: (listener: (message: TSessionMessage) => void) => () => void;
}

/** A BroadcastChannel between the shop's tabs; a silent no-op where the browser has none. */
export function openSessionChannel(): SessionChannel {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, subscribe: () => () => undefined };
  const channel = new BroadcastChannel(CHANNEL_NAME);
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      const handle = (event: MessageEvent) => {
        // Only same-origin pages can post here, but a tab running an older build may speak an older format.
        const parsed = ZSessionMessageSchema.safeParse(event.data);
        if (parsed.success) listener(parsed.data);
      };
      channel.addEventListener('message', handle);
      return () => channel.removeEventListener('message', handle);
    },
  };
}
