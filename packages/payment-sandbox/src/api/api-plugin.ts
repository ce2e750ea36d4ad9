import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, internalError } from './api-error.js';
import { fingerprintParams } from './form-parsing.js';
import { IdempotencyStore } from './idempotency-store.js';
import type { SandboxContext } from '../context.js';
import type { RequestInfo } from '../context.js';

const AUTH_HELP =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** The request's idempotency key while it runs, so onSend can store (or forget) the response. */
const pendingKeys = new WeakMap<FastifyRequest, string>();
/** Requests whose error was a validation failure: Stripe stores nothing for those. */
const validationFailures = new WeakSet<FastifyRequest>();

/** Which request caused an event: its `Request-Id` and idempotency key. */
export function requestInfo(request: FastifyRequest): RequestInfo {
  const key = request.headers['idempotency-key'];
  return { id: request.id, idempotencyKey: typeof key === 'string' ? key : null };
}

/**
 * The Stripe-compatible `/v1` scope: bearer-key check (401 otherwise), `Stripe-Version` echo, idempotency replay and
 * mismatch errors, and errors answered in Stripe's `{"error": …}` shape.
 */
export function registerApiScope(app: FastifyInstance, ctx: SandboxContext, secretKey: string): void {
  const idempotency = new IdempotencyStore();

  // Stripe's v1 API speaks only form encoding; anything else is refused in its error shape.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(
      new ApiError(
        400,
        {
          message: 'Invalid request: the body must be application/x-www-form-urlencoded, as Stripe’s API expects.',
          type: 'invalid_request_error',
        },
        true,
      ),
      undefined,
    );
  });

  app.addHook('onRequest', async (request, reply) => {
    const version = request.headers['stripe-version'];
    if (typeof version === 'string' && version !== '') ctx.apiVersion = version;
    reply.header('Stripe-Version', ctx.apiVersion);
    checkApiKey(request.headers.authorization, secretKey);
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || key === '') return;
    if (key.length > 255) {
      throw new ApiError(
        400,
        {
          message: `Idempotency-Key must be at most 255 characters long (got ${key.length}).`,
          type: 'invalid_request_error',
        },
        true,
      );
    }
    const path = request.url.split('?')[0] ?? request.url;
    const found = idempotency.begin(
      key,
      { method: request.method, path, fingerprint: fingerprintParams(request.body ?? {}), requestId: request.id },
      ctx.clock.nowSeconds(),
    );
    switch (found.kind) {
      case 'new':
        pendingKeys.set(request, key);
        return;
      case 'replay':
        reply.header('Idempotent-Replayed', 'true').header('Original-Request', found.entry.requestId);
        reply.code(found.entry.statusCode).type('application/json; charset=utf-8');
        return reply.send(found.entry.body);
      case 'in_flight':
        throw new ApiError(
          409,
          {
            code: 'idempotency_key_in_use',
            message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
            type: 'idempotency_error',
          },
          true,
        );
      case 'other_endpoint':
        throw new ApiError(
          400,
          {
            message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${found.entry.method} ${found.entry.path}' vs '${request.method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
            type: 'idempotency_error',
          },
          true,
        );
      case 'other_params':
        throw new ApiError(
          400,
          {
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            type: 'idempotency_error',
          },
          true,
        );
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = pendingKeys.get(request);
    if (key === undefined) return payload;
    pendingKeys.delete(request);
    if (validationFailures.has(request)) idempotency.abandon(key);
    else idempotency.complete(key, reply.statusCode, typeof payload === 'string' ? payload : String(payload));
    return payload;
  });

  app.addHook('onResponse', async () => idempotency.prune(ctx.clock.nowSeconds()));

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error, request, ctx);
    if (apiError.isValidation) validationFailures.add(request);
    return sendApiError(reply, apiError);
  });
}

/** Answers an ApiError in Stripe's JSON shape. */
export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.statusCode).type('application/json; charset=utf-8').send({ error: error.body });
}

/** Maps anything thrown to Stripe's error shape; our own bugs become a 500 that leaks nothing. */
export function toApiError(error: unknown, request: FastifyRequest, ctx: SandboxContext): ApiError {
  if (error instanceof ApiError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(
      status,
      { message: `Invalid request: ${(error as Error).message}`, type: 'invalid_request_error' },
      true,
    );
  }
  ctx.logger.error(
    `request ${request.id} ${request.method} ${request.url} failed: ${(error as Error).stack ?? String(error)}`,
  );
  return internalError(request.id);
}

function checkApiKey(header: string | undefined, secretKey: string): void {
  const key = readApiKey(header);
  if (key === null) throw new ApiError(401, { message: AUTH_HELP, type: 'invalid_request_error' });
  if (key !== secretKey) {
    const masked =
      key.length > 4
        ? `${key.slice(0, Math.min(8, key.length - 4))}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
        : '****';
    throw new ApiError(401, { message: `Invalid API Key provided: ${masked}`, type: 'invalid_request_error' });
  }
}

/** Bearer (what the SDK sends) or Basic with the key as user name (what `curl -u sk_…:` sends). */
function readApiKey(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(/\s+/, 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? null;
  return null;
}
