import type { FastifyInstance } from 'fastify';
import { createCache } from '../../lib/cache.js';
import type { Actor } from '../audit/repo.js';
import { createAuditLog } from '../audit/repo.js';
import { createAdminCategories } from './admin-categories-service.js';
import { createAdminProducts } from './admin-products-service.js';
import { createCategoriesRepo } from './categories-repo.js';
import { createAdminVariants } from './admin-variants-service.js';
import { DEMO_CATEGORIES, demoVariants } from './demo-catalog.js';
import { drawDemoImage } from './demo-images.js';
import { processImage } from './image-processing.js';
import { createImagesRepo } from './images-repo.js';
import { createProductsRepo } from './products-repo.js';
import { slugify } from './text.js';

const SEED_ACTOR: Actor = { id: '000000000000000000000000', email: 'demo-seed' };

/**
 * Creates the demo catalogue through the same admin services the dashboard uses (validation, slugs, search
 * tokens, audit log, cache invalidation), with images drawn locally and uploaded through the normal image path.
 */
export async function seedDemoCatalog(app: FastifyInstance): Promise<{ categories: number; products: number }> {
  const deps = {
    products: createProductsRepo(app.mongo.db),
    categories: createCategoriesRepo(app.mongo.db),
    images: createImagesRepo(app.mongo.db),
    audit: createAuditLog(app.mongo.db),
    cache: createCache(app.redis, app.log, app.config.REDIS_KEY_PREFIX),
  };
  const adminCategories = createAdminCategories(deps);
  const adminProducts = createAdminProducts({
    ...deps,
    currency: app.config.STORE_CURRENCY,
    isInOrders: async () => false,
  });
  const adminVariants = createAdminVariants({ ...deps, currency: app.config.STORE_CURRENCY });
  let productCount = 0;
  for (const [categoryIndex, demo] of DEMO_CATEGORIES.entries()) {
    // Resumable: a seed interrupted half-way picks up where it stopped instead of failing on existing slugs.
    const existing = await deps.categories.findBySlug(slugify(demo.name));
    const categoryId =
      existing?._id.toHexString() ??
      (
        await adminCategories.create(
          {
            name: demo.name,
            description: demo.description,
            imageId: (
              await deps.images.save(await processImage(await drawDemoImage(demo.colors, categoryIndex * 100 + 7)))
            )._id.toHexString(),
            sortOrder: categoryIndex * 10,
          },
          SEED_ACTOR,
        )
      ).id;
    // Pictures are drawn and encoded for a whole category at once (sharp spreads the work over its thread pool),
    // then products are created one by one so "newest" keeps the list order.
    const missing = [];
    for (const [index, product] of demo.products.entries()) {
      productCount += 1;
      const stored = await deps.products.findBySlug(slugify(product[0]));
      if (!stored) missing.push({ index, product });
      else if (product[4] && stored.options.length === 0) {
        // Stopped between creating the product and giving it its variants: finish it.
        const variants = demoVariants(stored.slug, product[1], product[2], product[4]);
        await adminVariants.replace(stored._id.toHexString(), variants, SEED_ACTOR);
      }
    }
    const pictures = await Promise.all(
      missing.map(({ index }) =>
        Promise.all(
          [0, 50].map(async (offset) =>
            deps.images.save(
              await processImage(await drawDemoImage(demo.colors, categoryIndex * 100 + index + offset)),
            ),
          ),
        ),
      ),
    );
    for (const [position, { index, product }] of missing.entries()) {
      const [name, price, stock, description, options] = product;
      const created = await adminProducts.create(
        {
          name,
          description,
          price,
          compareAtPrice: index % 4 === 1 ? Math.round((price * 1.25) / 100) * 100 : null,
          categoryId,
          stock,
          active: true,
          featured: index < 2,
          images: (pictures[position] ?? []).map((picture, order) => ({
            imageId: picture._id.toHexString(),
            alt: order === 0 ? name : `${name}, another view`,
          })),
          attributes: [{ key: 'Category', value: demo.name }],
        },
        SEED_ACTOR,
      );
      if (options) {
        await adminVariants.replace(created.id, demoVariants(created.slug, price, stock, options), SEED_ACTOR);
      }
    }
  }
  return { categories: DEMO_CATEGORIES.length, products: productCount };
}
