import { ERROR_STATUS, problemType, type TErrorCode, type TFieldError, type TProblem } from '@mercato/shared';

const TITLES: Partial<Record<TErrorCode, string>> = {
  VALIDATION_FAILED: 'The request is not valid',
  INTERNAL: 'Something went wrong on our side',
  ROUTE_NOT_FOUND: 'No such endpoint',
  RATE_LIMITED: 'Too many requests',
};

/** Builds an RFC 9457 problem document; the single shape every API error takes. */
export function buildProblem(input: {
  code: TErrorCode;
  detail?: string | undefined;
  instance?: string | undefined;
  requestId?: string | undefined;
  errors?: TFieldError[] | undefined;
  meta?: Record<string, unknown> | undefined;
}): TProblem {
  const problem: TProblem = {
    type: problemType(input.code),
    title: TITLES[input.code] ?? humanise(input.code),
    status: ERROR_STATUS[input.code],
    code: input.code,
  };
  if (input.detail !== undefined) problem.detail = input.detail;
  if (input.instance !== undefined) problem.instance = input.instance;
  if (input.requestId !== undefined) problem.requestId = input.requestId;
  if (input.errors && input.errors.length > 0) problem.errors = input.errors;
  if (input.meta !== undefined) problem.meta = input.meta;
  return problem;
}

function humanise(code: string): string {
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
