import type { AddressInfo } from 'node:net';
import { buildApp } from './build-app.js';
import { DEFAULT_API_VERSION, type SandboxContext } from './context.js';
import { SandboxClock } from './lib/clock.js';
import { createSecretKey } from './lib/ids.js';
import { silentLogger, type Logger } from './lib/logger.js';
import { expireDueSessions } from './services/expire-checkout-session.js';
import { SandboxState } from './state/sandbox-state.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';
import { WebhookEndpointRegistry } from './webhooks/webhook-endpoints.js';

export interface PaymentSandbox {
  /** `http://<host>:<port>` (loopback when bound to every interface); point the stripe SDK at it with host, port and protocol. */
  url: string;
  host: string;
  port: number;
  /** The only API key accepted (401 otherwise). */
  secretKey: string;
  /** Sends every event from now on to another endpoint too. */
  addWebhookEndpoint(endpoint: { url: string; secret: string }): void;
  /** Stops the server, cancels pending deliveries and timers. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface PaymentSandboxOptions {
  /** 0 or omitted: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Base of `session.url` when the sandbox is reached through another address (default: `url`). */
  publicUrl?: string;
  /** Default: a generated `sk_test_…`. */
  secretKey?: string;
  webhooks?: { url: string; secret: string }[];
  /** Webhook retry schedule after a non-2xx, a timeout or a refused connection. */
  retryDelaysMs?: number[];
  /** How long a delivery may take before it counts as failed (default 10 s). */
  deliveryTimeoutMs?: number;
  /** How often open sessions past `expires_at` are expired (default 1 s). */
  expirySweepMs?: number;
  logger?: Logger;
}

/** Stripe retries for days; the default is shorter so a developer sees the outcome within minutes. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

/** Starts a payment sandbox: a Stripe-compatible API, the hosted checkout page and signed webhooks, in memory. */
export async function startPaymentSandbox(options: PaymentSandboxOptions = {}): Promise<PaymentSandbox> {
  const host = options.host ?? '127.0.0.1';
  const secretKey = options.secretKey ?? createSecretKey();
  if (secretKey.trim() === '') throw new Error('secretKey must not be empty');
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  if (retryDelaysMs.some((delay) => !Number.isFinite(delay) || delay < 0))
    throw new Error('retryDelaysMs must be non-negative numbers');
  const logger = options.logger ?? silentLogger;
  const clock = new SandboxClock();
  const state = new SandboxState();
  const endpoints = new WebhookEndpointRegistry(clock);
  const dispatcher = new WebhookDispatcher({
    endpoints,
    findEvent: (id) => state.events.get(id),
    retryDelaysMs,
    timeoutMs: options.deliveryTimeoutMs ?? 10_000,
    logger,
  });
  const addWebhookEndpoint = (endpoint: { url: string; secret: string }) => {
    if (!/^https?:\/\//.test(endpoint.url)) throw new Error(`webhook URL must be http(s): ${endpoint.url}`);
    if (endpoint.secret === '') throw new Error('webhook secret must not be empty');
    if (!endpoint.secret.startsWith('whsec_'))
      logger.warn(`webhook secret for ${endpoint.url} does not start with whsec_`);
    endpoints.add({ url: endpoint.url, secret: endpoint.secret });
  };
  for (const endpoint of options.webhooks ?? []) addWebhookEndpoint(endpoint);

  const ctx: SandboxContext = {
    state,
    clock,
    endpoints,
    dispatcher,
    logger,
    publicUrl: '',
    apiVersion: DEFAULT_API_VERSION,
  };
  let isOwnHost: (host: string) => boolean = () => false;
  const app = await buildApp(ctx, secretKey, (hostHeader) => isOwnHost(hostHeader));
  await app.listen({ port: options.port ?? 0, host });
  const port = (app.server.address() as AddressInfo).port;
  // Bound to every interface, the sandbox is still advertised on loopback: clients cannot connect to 0.0.0.0 reliably.
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostInUrl = reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost;
  const url = `http://${hostInUrl}:${port}`;
  ctx.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  isOwnHost = ownHostCheck(port, ctx.publicUrl === url ? null : new URL(ctx.publicUrl).host);

  const sweep = setInterval(() => {
    try {
      expireDueSessions(ctx);
    } catch (error) {
      logger.error(`expiry sweep failed: ${(error as Error).message}`);
    }
  }, options.expirySweepMs ?? 1_000);
  sweep.unref();

  let stopping: Promise<void> | undefined;
  return {
    url,
    host: reachableHost,
    port,
    secretKey,
    addWebhookEndpoint,
    stop: () => {
      stopping ??= (async () => {
        clearInterval(sweep);
        await dispatcher.stop();
        await app.close();
      })();
      return stopping;
    },
  };
}

/**
 * The controls answer requests addressed to the sandbox's own port under any name (127.0.0.1, localhost, a container
 * name), but not those that arrive through the public URL when it is a different address (a proxy in front of it).
 */
function ownHostCheck(port: number, publicHost: string | null): (host: string) => boolean {
  return (hostHeader) => {
    const host = hostHeader.toLowerCase();
    if (publicHost !== null && host === publicHost.toLowerCase()) return false;
    const match = /:(\d+)$/.exec(host);
    return match !== null && Number(match[1]) === port;
  };
}
