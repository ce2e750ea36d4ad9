import type { TErrorCode, TFieldError } from '@mercato/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { MongoError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../lib/app-error.js';
import { buildProblem } from '../lib/problem.js';

/** Fastify's own client-error codes, mapped onto ours so clients see one vocabulary. */
const FASTIFY_CODES: Record<string, TErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'query',
  body: 'body',
  params: 'params',
  headers: 'headers',
};

/**
 * One error handler for the whole API: every failure leaves as `application/problem+json` with a stable `code`.
 * Expected failures (AppError, validation, client mistakes) keep their message; anything else is a 500 whose
 * details go to the log only, never to the client.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (isAppError(error)) {
        if (error.headers) void reply.headers(error.headers);
        if (error.status >= 500) request.log.error({ err: error }, 'service failure');
        return sendProblem(request, reply, error.code, error.message, error.errors, error.meta);
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const context = CONTEXT_NAMES[error.validationContext ?? 'body'] ?? 'body';
        const errors = error.validation.flatMap((issue) => toFieldErrors(context, issue.instancePath, issue));
        const detail = errors.map((entry) => `${entry.path}: ${entry.message}`).join('; ');
        return sendProblem(request, reply, 'VALIDATION_FAILED', detail, errors);
      }
      const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (mapped) return sendProblem(request, reply, mapped, error.message);
      if (error.statusCode === 429) {
        const retryAfter = Number(reply.getHeader('retry-after'));
        const meta = Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : undefined;
        return sendProblem(
          request,
          reply,
          'RATE_LIMITED',
          'Too many requests; slow down and retry later.',
          undefined,
          meta,
        );
      }
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return sendProblem(request, reply, 'BAD_REQUEST', error.message);
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        void reply.header('retry-after', '5');
        return sendProblem(
          request,
          reply,
          'SERVICE_UNAVAILABLE',
          'The shop is briefly unavailable; try again in a few seconds.',
          undefined,
          { retryAfterSeconds: 5 },
        );
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(
        request,
        reply,
        'INTERNAL',
        'An unexpected error occurred. Quote the request id if you report it.',
      );
    });
  },
  { name: 'error-handler' },
);

/** Sends a problem document; exported so hooks that answer early (auth, rate limits) use the same shape. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: TErrorCode,
  detail?: string,
  errors?: TFieldError[],
  meta?: Record<string, unknown>,
): FastifyReply {
  const problem = buildProblem({
    code,
    detail,
    errors,
    meta,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
  });
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Zod reports unknown keys on the parent object; name each key so the client knows exactly what to drop. */
function toFieldErrors(
  context: string,
  instancePath: string,
  issue: { message?: string | undefined; keyword?: string; params?: Record<string, unknown> },
): TFieldError[] {
  const base = [context, ...instancePath.split('/').filter(Boolean)].join('.');
  const keys = issue.params?.keys;
  if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
    return keys.map((key) => ({ path: `${base}.${String(key)}`, message: 'is not allowed' }));
  }
  return [{ path: base, message: issue.message ?? 'is invalid' }];
}

/**
 * The database could not be reached, or had no primary for the driver's one retry (a replica-set election, a network
 * blip): nothing was done that the client should not simply try again, so it is a 503 with Retry-After, not a 500.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof MongoServerSelectionError || error instanceof MongoNetworkError) return true;
  return (
    error instanceof MongoError &&
    (error.hasErrorLabel('RetryableWriteError') || error.hasErrorLabel('TransientTransactionError'))
  );
}
