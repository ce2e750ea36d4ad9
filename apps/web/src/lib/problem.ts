import type { TErrorCode, TFieldError, TProblem } from '@mercato/shared';

// The API's error body (RFC 9457, `ZProblemSchema` in @mercato/shared) read by hand: every failed request goes through
// here, including the signed-out session check on every page load, and `ZProblemSchema` would put zod into the
// storefront's first-load bundle. problem.test.ts checks this accepts and refuses what the schema does.

type TJson = Record<string, unknown>;

const isObject = (value: unknown): value is TJson =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';

function readFieldErrors(value: unknown): TFieldError[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return null;
  const errors: TFieldError[] = [];
  for (const item of value as unknown[]) {
    if (!isObject(item) || typeof item.path !== 'string' || typeof item.message !== 'string') return null;
    errors.push({ path: item.path, message: item.message });
  }
  return errors;
}

/**
 * The problem document in `value`, or null when it is not one (a proxy's error page, an unrelated JSON body). The code
 * is taken as sent: an API newer than this tab may know codes this build does not, and its message still applies.
 */
export function readProblem(value: unknown): TProblem | null {
  if (!isObject(value)) return null;
  const { type, title, status, code, detail, instance, requestId, meta } = value;
  if (typeof type !== 'string' || typeof title !== 'string' || typeof code !== 'string' || code === '') return null;
  if (typeof status !== 'number' || !Number.isInteger(status)) return null;
  if (!isOptionalString(detail) || !isOptionalString(instance) || !isOptionalString(requestId)) return null;
  if (meta !== undefined && !isObject(meta)) return null;
  const errors = readFieldErrors(value.errors);
  if (errors === null) return null;
  const problem: TProblem = { type, title, status, code: code as TErrorCode };
  if (detail !== undefined) problem.detail = detail as string;
  if (instance !== undefined) problem.instance = instance as string;
  if (requestId !== undefined) problem.requestId = requestId as string;
  if (errors) problem.errors = errors;
  if (meta !== undefined) problem.meta = meta;
  return problem;
}
