/** Stripe's `error.type` values. */
export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'rate_limit_error'
  | 'authentication_error';

/** The body of `{"error": …}`, in Stripe's field order. */
export interface StripeErrorBody {
  code?: string;
  decline_code?: string;
  doc_url?: string;
  message: string;
  param?: string;
  payment_intent?: unknown;
  request_log_url?: string;
  type: StripeErrorType;
}

/**
 * An error answered in Stripe's shape. `isValidation` marks failures that happen before the endpoint starts executing:
 * Stripe does not store those under an idempotency key, so a corrected retry with the same key runs normally.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: StripeErrorBody,
    readonly isValidation = false,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

function withDocUrl(body: StripeErrorBody): StripeErrorBody {
  return body.code ? { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, '-')}` } : body;
}

/** A 400 invalid_request_error raised while checking parameters (not stored for idempotency). */
export function invalidParam(param: string, message: string, code: string): ApiError {
  return new ApiError(400, withDocUrl({ code, message, param, type: 'invalid_request_error' }), true);
}

/** A required parameter is absent. */
export function parameterMissing(param: string): ApiError {
  return invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
}

/** A parameter Stripe does not know at all. */
export function parameterUnknown(param: string): ApiError {
  return invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
}

/** A real Stripe parameter that this sandbox does not emulate: fail loudly instead of silently behaving differently. */
export function parameterUnsupported(param: string, detail?: string): ApiError {
  const why = detail ? ` ${detail}` : '';
  return invalidParam(
    param,
    `Received unsupported parameter: ${param}. The Mercato payment sandbox does not emulate it.${why} See packages/payment-sandbox/README.md.`,
    'parameter_unknown',
  );
}

/** An empty string where a value is required (Stripe reads `key=` as "unset"). */
export function parameterEmpty(param: string): ApiError {
  return invalidParam(
    param,
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    'parameter_invalid_empty',
  );
}

/** A referenced object does not exist (404, like Stripe). */
export function resourceMissing(objectName: string, id: string, param = 'id'): ApiError {
  return new ApiError(
    404,
    withDocUrl({
      code: 'resource_missing',
      message: `No such ${objectName}: '${id}'`,
      param,
      type: 'invalid_request_error',
    }),
    true,
  );
}

/** A request that passed validation but cannot be carried out in the object's current state. */
export function invalidRequest(
  message: string,
  options: { code?: string; param?: string; status?: number } = {},
): ApiError {
  const body: StripeErrorBody = { message, type: 'invalid_request_error' };
  if (options.code) body.code = options.code;
  if (options.param) body.param = options.param;
  return new ApiError(options.status ?? 400, withDocUrl(body));
}

/** Stripe's answer for a path it does not route. */
export function unrecognizedUrl(method: string, url: string, note = ''): ApiError {
  return new ApiError(
    404,
    {
      message: `Unrecognized request URL (${method}: ${url}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.${note}`,
      type: 'invalid_request_error',
    },
    true,
  );
}

/** The 500 we answer for our own bugs: no internals leak, the request id leads to the log line. */
export function internalError(requestId: string): ApiError {
  return new ApiError(500, {
    message: `An unknown error occurred in the payment sandbox (request ${requestId}); see its log.`,
    type: 'api_error',
  });
}
