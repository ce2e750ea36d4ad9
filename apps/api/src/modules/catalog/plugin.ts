import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ObjectId } from 'mongodb';
import { createCache, type Cache } from '../../lib/cache.js';
import { runMigrations } from '../../lib/migrations.js';
import { ensureIndexes } from '../../lib/mongo-indexes.js';
import { createAuditLog } from '../audit/repo.js';
import { createAdminCategories } from './admin-categories-service.js';
import { createAdminImages } from './admin-images-service.js';
import { createAdminProducts } from './admin-products-service.js';
import { createAdminVariants } from './admin-variants-service.js';
import { categoryIndexes, createCategoriesRepo } from './categories-repo.js';
import { createImagesRepo, imageIndexes } from './images-repo.js';
import { createProductsRepo, productIndexes } from './products-repo.js';
import { adminCatalogRoutes } from './routes-admin.js';
import { adminImageRoutes } from './routes-images.js';
import { createCatalogExport } from './csv/export-service.js';
import { createCatalogImport } from './csv/import-service.js';
import { catalogCsvRoutes } from './csv/routes-csv.js';
import { mediaRoutes } from './routes-media.js';
import { storeCatalogRoutes } from './routes-store.js';
import { CATALOG_TAGS, createStoreCatalog, type StoreCatalog } from './store-service.js';
import { searchKeysMigration } from '../search/migrate.js';
import { draftVariantMigration } from './draft-variant-migration.js';
import { defaultVariantsMigration, hasOptionsMigration } from './variants-migration.js';
import { createSearchModule, type SearchService } from '../search/plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The storefront catalog read side (cached); other modules (SEO, cart) read products through it or the repo. */
    catalog: StoreCatalog;
    /** The storefront cache itself, for diagnostics: whether its memory layer is in use, what it holds. */
    catalogCache: Cache;
    /** Storefront search (results, suggestions) over the configured engine. */
    catalogSearch: SearchService;
  }
}

/** Products, categories, images: storefront reads (cached in memory and Redis) and admin management (audited). */
export const catalogModule = fp(
  async (app: FastifyInstance) => {
    await ensureIndexes(app.mongo.db, [productIndexes, categoryIndexes, imageIndexes]);
    const products = createProductsRepo(app.mongo.db);
    const categories = createCategoriesRepo(app.mongo.db);
    const images = createImagesRepo(app.mongo.db);
    const audit = createAuditLog(app.mongo.db);
    const cache = createCache(app.redis, app.log, app.config.REDIS_KEY_PREFIX, {
      memoryBytes: app.config.CATALOG_MEMORY_CACHE_BYTES,
      subscribeTo: app.config,
    });
    app.decorate('catalogCache', cache);
    app.addHook('onClose', () => cache.close());
    const currency = app.config.STORE_CURRENCY;
    const isInOrders = async (productId: ObjectId) =>
      (await app.mongo.db.collection('orders').countDocuments({ 'lines.productId': productId }, { limit: 1 })) > 0;

    const ttlSeconds = app.config.CACHE_TTL_SECONDS;
    // Search keys of products stored before them (or under older rules) are computed before the first request.
    const migrated = await runMigrations(
      app.mongo.db,
      [defaultVariantsMigration, hasOptionsMigration, draftVariantMigration, searchKeysMigration],
      app.log,
    );
    // Variants it put on sale change what listings say; other instances may hold those listings already.
    if (migrated.includes(draftVariantMigration.id)) await cache.bump(CATALOG_TAGS.products);
    const search = createSearchModule({
      products,
      categories,
      cache,
      currency,
      ttlSeconds,
      candidateLimit: app.config.SEARCH_CANDIDATE_LIMIT,
    });
    app.decorate('catalogSearch', search.service);
    await app.register(search.routes);
    const store = createStoreCatalog({
      products,
      categories,
      cache,
      currency,
      ttlSeconds,
      search: search.service,
      optionFacetLimit: app.config.CATALOG_OPTION_FACET_LIMIT,
    });
    app.decorate('catalog', store);
    await app.register(storeCatalogRoutes(store));
    await app.register(mediaRoutes(images));
    await app.register(adminImageRoutes(createAdminImages({ images, audit })));
    await app.register(
      adminCatalogRoutes(
        createAdminProducts({ products, categories, images, audit, cache, currency, isInOrders }),
        createAdminCategories({
          categories,
          products,
          images,
          audit,
          cache,
          reindexCategory: (categoryId) => search.engine.reindex({ categoryId }),
        }),
        createAdminVariants({ products, categories, audit, cache, currency }),
      ),
    );
    await app.register(
      catalogCsvRoutes(
        createCatalogImport({ products, categories, audit, cache, currency }),
        createCatalogExport({ products, categories, currency, publicUrl: app.config.PUBLIC_URL.replace(/\/$/, '') }),
      ),
    );
  },
  { name: 'catalog', dependencies: ['mongo', 'redis', 'auth'] },
);
