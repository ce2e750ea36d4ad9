import type { Cache } from '../../lib/cache.js';
import type { CategoriesRepo } from '../catalog/categories-repo.js';
import type { ProductsRepo } from '../catalog/products-repo.js';
import { createMongoSearchEngine } from './mongo-engine.js';
import { searchRoutes } from './routes.js';
import { createSearchService, type SearchService } from './service.js';

export type { SearchService };

/**
 * The search module, put together by the catalog (which owns the products it searches): the engine, the cached
 * service and its routes. Choosing a dedicated engine would happen here, from configuration (docs/search.md).
 */
export function createSearchModule(deps: {
  products: ProductsRepo;
  categories: CategoriesRepo;
  cache: Cache;
  currency: string;
  ttlSeconds: number;
  /** SEARCH_CANDIDATE_LIMIT: most products one search reads and ranks. */
  candidateLimit: number;
}) {
  const engine = createMongoSearchEngine({
    products: deps.products.collection,
    categoryNames: async () =>
      new Map((await deps.categories.all()).map((category) => [category._id.toHexString(), category.name])),
    candidateLimit: deps.candidateLimit,
  });
  const service = createSearchService({ ...deps, engine });
  return { engine, service, routes: searchRoutes(service) };
}
