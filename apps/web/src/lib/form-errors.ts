import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './api-error.js';

const REQUEST_PARTS = /^(body|query|params)\./;
const UNKNOWN_FAILURE = 'Something went wrong. Please try again.';

/** Turns an API field path (`body.items.0.quantity`) into a react-hook-form field name (`items.0.quantity`). */
export function toFormFieldName(apiPath: string): string {
  return apiPath.replace(REQUEST_PARTS, '');
}

export interface ApplyApiErrorOptions<TValues extends FieldValues> {
  /** The form's field names. Field errors for other names go to `root.server` instead of vanishing. */
  fields?: readonly Path<TValues>[];
}

/**
 * Shows an API failure on a react-hook-form form: each field error on its field (the first one focused), everything
 * else as `errors.root.server`. Returns how many field errors landed on fields.
 */
export function applyApiErrorToForm<TValues extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<TValues>,
  options: ApplyApiErrorOptions<TValues> = {},
): number {
  if (!(error instanceof ApiError)) {
    setError('root.server', { type: 'unknown', message: UNKNOWN_FAILURE });
    return 0;
  }
  const known = options.fields ? new Set<string>(options.fields) : undefined;
  const unplaced: string[] = [];
  let placed = 0;
  for (const fieldError of error.errors) {
    const name = toFormFieldName(fieldError.path);
    if (known && !known.has(name)) {
      unplaced.push(fieldError.message);
      continue;
    }
    setError(name as Path<TValues>, { type: 'server', message: fieldError.message }, { shouldFocus: placed === 0 });
    placed += 1;
  }
  if (unplaced.length > 0) setError('root.server', { type: error.code, message: unplaced.join(' ') });
  else if (placed === 0) setError('root.server', { type: error.code, message: error.message });
  return placed;
}
