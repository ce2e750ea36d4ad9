import type { TErrorCode, TFieldError, TProblem } from '@mercato/shared';

/** Codes the client adds for failures that never reached (or never came back from) the API. */
export type TClientErrorCode = 'NETWORK_ERROR' | 'INVALID_RESPONSE';
export type TApiErrorCode = TErrorCode | TClientErrorCode;

export interface ApiErrorInit {
  status: number;
  code: TApiErrorCode;
  message: string;
  detail?: string | undefined;
  errors?: readonly TFieldError[] | undefined;
  requestId?: string | undefined;
  meta?: Record<string, unknown> | undefined;
  cause?: unknown;
}

/**
 * Every failed API call rejects with this. `code` is stable (branch on it, never on `message`); `status` is 0 when
 * the request never got an HTTP answer; `errors` are field errors such as `{ path: 'body.email', message }`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: TApiErrorCode;
  readonly detail: string | undefined;
  readonly errors: readonly TFieldError[];
  readonly requestId: string | undefined;
  readonly meta: Record<string, unknown> | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.meta = init.meta;
  }

  /** Builds the error from an RFC 9457 problem document sent by the API. */
  static fromProblem(problem: TProblem, headerRequestId?: string): ApiError {
    return new ApiError({
      status: problem.status,
      code: problem.code,
      message: problem.detail ?? problem.title,
      detail: problem.detail,
      errors: problem.errors,
      requestId: problem.requestId ?? headerRequestId,
      meta: problem.meta,
    });
  }
}

/** True for 4xx answers: the request itself is wrong, so repeating it unchanged will not help. */
export function isClientError(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** Maps a bare HTTP status (no problem document, e.g. from a proxy) onto the shared codes. */
export function codeForStatus(status: number): TErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  }
}

/** A short, user-presentable sentence for a bare HTTP status. */
export function messageForStatus(status: number): string {
  if (status === 502 || status === 503 || status === 504)
    return 'The shop is temporarily unavailable. Please try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again.';
  return `The request failed (HTTP ${status}).`;
}
