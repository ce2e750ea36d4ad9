import type { TSessionMessage, ZSessionMessageSchema } from './session-message.js';

export type { TSessionMessage };

const CHANNEL_NAME = 'mercato-auth';

// The schema (and zod with it) loads with the first message from another tab, not with the page. Every handler waits
// on the same promise, so messages keep their order; a failed load (offline) is tried again with the next message.
let messageSchema: Promise<typeof ZSessionMessageSchema> | undefined;
function loadMessageSchema() {
  messageSchema ??= import('./session-message.js').then(
    (module) => module.ZSessionMessageSchema,
    (error: unknown) => {
      messageSchema = undefined;
      throw error;
    },
  );
  return messageSchema;
}

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
        loadMessageSchema().then(
          (schema) => {
            const parsed = schema.safeParse(event.data);
            if (parsed.success) listener(parsed.data);
          },
          () => undefined, // offline, so the chunk cannot load: the message is dropped like one from an older build
        );
      };
      channel.addEventListener('message', handle);
      return () => channel.removeEventListener('message', handle);
    },
  };
}
