import { AppError } from '../../lib/app-error.js';

type Entity = 'product' | 'category';

export function slugTaken(slug: string, entity: Entity): AppError {
  return new AppError('SLUG_TAKEN', `The slug "${slug}" is used by another ${entity}.`, {
    errors: [{ path: 'body.slug', message: `is already used by another ${entity}` }],
  });
}

/**
 * Runs a write after the slug was checked free. Two admins can pass that check at once; the unique index then
 * rejects the second write (E11000, and the slug is the only unique key of products and categories), which is the
 * same conflict the check reports, not a server error.
 */
export async function guardSlug<T>(slug: string, entity: Entity, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw slugTaken(slug, entity);
    throw error;
  }
}
