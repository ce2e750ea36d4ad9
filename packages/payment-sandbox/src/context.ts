import type { SandboxClock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { SandboxState } from './state/sandbox-state.js';
import type { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import type { WebhookEndpointRegistry } from './webhooks/webhook-endpoints.js';

/** The API version objects are rendered in (stripe-node 23.1's pinned version) until a client sends another. */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/** Everything a use case needs; one per running sandbox. */
export interface SandboxContext {
  state: SandboxState;
  clock: SandboxClock;
  endpoints: WebhookEndpointRegistry;
  dispatcher: WebhookDispatcher;
  logger: Logger;
  /** Base of hosted page URLs (`session.url`). */
  publicUrl: string;
  /** The last `Stripe-Version` a client sent; events carry it as `api_version`. */
  apiVersion: string;
}

/** Which API request caused an event (`event.request`); hosted-page actions have none, as on Stripe. */
export interface RequestInfo {
  id: string | null;
  idempotencyKey: string | null;
}

export const NO_REQUEST: RequestInfo = { id: null, idempotencyKey: null };
