import { ERROR_STATUS, type TErrorCode, type TFieldError } from '@mercato/shared';

export interface AppErrorOptions {
  errors?: TFieldError[];
  meta?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type services throw for expected failures. The error handler turns it into problem+json with the
 * status from the shared code table, so a service never decides an HTTP status itself.
 */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly errors: TFieldError[] | undefined;
  readonly meta: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: TErrorCode, detail?: string, options: AppErrorOptions = {}) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = options.errors;
    this.meta = options.meta;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A 404 for a resource the caller may not know exists (or may not see): same answer either way. */
export function notFound(what = 'Resource'): AppError {
  return new AppError('NOT_FOUND', `${what} not found.`);
}

/** A validation failure found by a service (after the schema passed), naming the field like the schema would. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { errors: [{ path, message }] });
}
