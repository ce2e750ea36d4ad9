import { createId, createWebhookSecret } from '../lib/ids.js';
import type { SandboxClock } from '../lib/clock.js';
import type { WebhookEndpoint } from '../objects/types.js';

/** The endpoints events are sent to: from configuration, `addWebhookEndpoint`, or `POST /v1/webhook_endpoints`. */
export class WebhookEndpointRegistry {
  private readonly endpoints = new Map<string, WebhookEndpoint & { secret: string }>();

  constructor(private readonly clock: SandboxClock) {}

  /** Registers an endpoint; `enabledEvents` defaults to every event (`*`). */
  add(input: {
    url: string;
    secret?: string;
    enabledEvents?: string[];
    description?: string | null;
    metadata?: Record<string, string>;
    apiVersion?: string | null;
  }): WebhookEndpoint & { secret: string } {
    const endpoint = {
      id: createId('we'),
      object: 'webhook_endpoint' as const,
      api_version: input.apiVersion ?? null,
      application: null,
      created: this.clock.nowSeconds(),
      description: input.description ?? null,
      enabled_events: input.enabledEvents ?? ['*'],
      livemode: false as const,
      metadata: input.metadata ?? {},
      secret: input.secret ?? createWebhookSecret(),
      status: 'enabled' as const,
      url: input.url,
    };
    this.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  get(id: string): (WebhookEndpoint & { secret: string }) | undefined {
    return this.endpoints.get(id);
  }

  remove(id: string): boolean {
    return this.endpoints.delete(id);
  }

  list(): (WebhookEndpoint & { secret: string })[] {
    return [...this.endpoints.values()];
  }

  /** Endpoints subscribed to an event type. */
  subscribedTo(type: string): (WebhookEndpoint & { secret: string })[] {
    return this.list().filter(
      (endpoint) =>
        endpoint.status === 'enabled' &&
        (endpoint.enabled_events.includes('*') || endpoint.enabled_events.includes(type)),
    );
  }
}
