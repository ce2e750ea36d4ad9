export {
  startPaymentSandbox,
  DEFAULT_RETRY_DELAYS_MS,
  type PaymentSandbox,
  type PaymentSandboxOptions,
} from './sandbox.js';
export { TEST_CARDS, type TestCard, type CardOutcome } from './cards/card-outcomes.js';
export { signPayload } from './webhooks/sign-payload.js';
export type { Logger } from './lib/logger.js';
