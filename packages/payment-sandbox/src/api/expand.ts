import { invalidParam } from './api-error.js';

/**
 * Applies Stripe's `expand[]` to a JSON clone of an object: each dotted path walks into the object, arrays are walked
 * element by element (so `data.price.product` works on lists), and a string id met on the way is replaced by the full
 * object found by `resolve`. A path that leads nowhere is a 400, as on Stripe.
 */
export function applyExpand(
  root: Record<string, unknown>,
  paths: readonly string[],
  resolve: (id: string) => object | undefined,
): void {
  paths.forEach((path, index) => {
    const segments = path.split('.');
    if (segments.length > 4) {
      throw invalidParam(
        `expand[${index}]`,
        `You cannot expand more than 4 levels of a property. Property: ${path}`,
        'parameter_invalid_string',
      );
    }
    if (!expandSegments(root, segments, resolve)) {
      throw invalidParam(`expand[${index}]`, `This property cannot be expanded (${path}).`, 'parameter_invalid_string');
    }
  });
}

function expandSegments(node: unknown, segments: string[], resolve: (id: string) => object | undefined): boolean {
  const [head, ...rest] = segments;
  if (head === undefined) return true;
  if (Array.isArray(node)) return node.every((item) => expandSegments(item, segments, resolve));
  if (typeof node !== 'object' || node === null || !(head in node)) return false;
  const record = node as Record<string, unknown>;
  let value = record[head];
  if (typeof value === 'string') {
    const found = resolve(value);
    if (!found) return false;
    value = structuredClone(found);
    record[head] = value;
  } else if (rest.length === 0) {
    // Expanding something that is already an object (or null) is allowed and changes nothing.
    return value === null || typeof value === 'object';
  }
  if (value === null) return true;
  return expandSegments(value, rest, resolve);
}
