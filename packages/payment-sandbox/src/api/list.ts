import { invalidParam, resourceMissing } from './api-error.js';
import { readInteger, readString, type Params } from './params.js';
import type { StripeList } from '../objects/types.js';

interface Identified {
  id: string;
  created?: number;
}

/**
 * Paginates newest-first items the way Stripe's list endpoints do: `limit` (1–100, default 10), `starting_after` and
 * `ending_before` cursors, and `created` filters (`created=ts` or `created[gt|gte|lt|lte]=ts`).
 */
export function paginate<T extends Identified>(
  itemsNewestFirst: readonly T[],
  params: Params,
  url: string,
  objectName: string,
): StripeList<T> {
  const limit = readInteger(params, 'limit', '', { min: 1, max: 100 }) ?? 10;
  const startingAfter = readString(params, 'starting_after', '');
  const endingBefore = readString(params, 'ending_before', '');
  if (startingAfter && endingBefore) {
    throw invalidParam(
      'ending_before',
      'You may only specify one of these parameters: starting_after, ending_before.',
      'parameters_exclusive',
    );
  }
  const items = filterCreated(itemsNewestFirst, params);
  if (startingAfter) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw resourceMissing(objectName, startingAfter, 'starting_after');
    const rest = items.slice(index + 1);
    return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore) {
    const index = items.findIndex((item) => item.id === endingBefore);
    if (index < 0) throw resourceMissing(objectName, endingBefore, 'ending_before');
    const before = items.slice(0, index);
    return { object: 'list', data: before.slice(-limit), has_more: before.length > limit, url };
  }
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

function filterCreated<T extends Identified>(items: readonly T[], params: Params): readonly T[] {
  const created = params.created;
  if (created === undefined) return items;
  if (typeof created === 'string') {
    const exact = readInteger(params, 'created', '');
    return items.filter((item) => item.created === exact);
  }
  const range = created as Params;
  const gt = readInteger(range, 'gt', 'created');
  const gte = readInteger(range, 'gte', 'created');
  const lt = readInteger(range, 'lt', 'created');
  const lte = readInteger(range, 'lte', 'created');
  return items.filter((item) => {
    const at = item.created ?? 0;
    return (
      (gt === undefined || at > gt) &&
      (gte === undefined || at >= gte) &&
      (lt === undefined || at < lt) &&
      (lte === undefined || at <= lte)
    );
  });
}

/** Returns map values newest first. */
export function newestFirst<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.values()].reverse();
}
