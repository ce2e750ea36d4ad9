import { AppError } from '../../lib/app-error.js';
import { duplicateKeyFields } from '../../lib/duplicate-key.js';

type Entity = 'product' | 'category';

export function slugTaken(slug: string, entity: Entity): AppError {
  return new AppError('SLUG_TAKEN', `The slug "${slug}" is used by another ${entity}.`, {
    errors: [{ path: 'body.slug', message: `is already used by another ${entity}` }],
  });
}

/**
 * Runs a write after the slug was checked free. Two admins can pass that check at once; the unique index then
 * rejects the second write (E11000 on `slug`), which is the same conflict the check reports, not a server error.
 * A collision on another unique key (a product's variant SKUs) is rethrown for the caller to name.
 */
export async function guardSlug<T>(slug: string, entity: Entity, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const fields = duplicateKeyFields(error);
    // Without a key pattern the slug is the likeliest: it is the key both entities have.
    if (fields && (fields.length === 0 || fields.includes('slug'))) throw slugTaken(slug, entity);
    throw error;
  }
}
