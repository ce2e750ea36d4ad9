import type { FastifyInstance } from 'fastify';
import { resourceMissing } from '../api-error.js';
import { paginate } from '../list.js';
import { readArray, readString, rejectUnknownParams } from '../params.js';
import { readMetadata, readUrl } from '../params-formats.js';
import type { SandboxContext } from '../../context.js';
import { idOf, paramsOf } from './route-helpers.js';

/** Webhook endpoints created through the API (the secret is shown once, on create, as on Stripe). */
export function registerWebhookEndpointRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const withoutSecret = <T extends { secret?: string }>(endpoint: T) => {
    const { secret: _secret, ...rest } = endpoint;
    return rest;
  };
  const find = (id: string) => {
    const endpoint = ctx.endpoints.get(id);
    if (!endpoint) throw resourceMissing('webhook_endpoint', id, 'id');
    return endpoint;
  };

  app.post('/webhook_endpoints', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['url', 'enabled_events', 'description', 'metadata', 'api_version', 'expand'], {
      connect: () => false,
    });
    const url = readUrl(params, 'url', '', { required: true }) as string;
    const enabledEvents = (readArray(params, 'enabled_events', '', { required: true }) as unknown[]).map(String);
    return structuredClone(
      ctx.endpoints.add({
        url,
        enabledEvents,
        description: readString(params, 'description', '') ?? null,
        metadata: readMetadata(params, 'metadata', '') ?? {},
        apiVersion: readString(params, 'api_version', '') ?? null,
      }),
    );
  });

  app.get('/webhook_endpoints/:id', async (request) => withoutSecret(find(idOf(request))));

  app.delete('/webhook_endpoints/:id', async (request) => {
    const endpoint = find(idOf(request));
    ctx.endpoints.remove(endpoint.id);
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  });

  app.get('/webhook_endpoints', async (request) => {
    const params = paramsOf(request);
    rejectUnknownParams(params, '', ['limit', 'starting_after', 'ending_before', 'expand']);
    return paginate(
      ctx.endpoints.list().reverse().map(withoutSecret),
      params,
      '/v1/webhook_endpoints',
      'webhook_endpoint',
    );
  });
}
