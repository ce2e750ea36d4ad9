import type { CategoryDoc, ProductDoc } from '../../apps/api/src/modules/catalog/model.js';
import { SEARCH_TERMS } from './catalog-data.js';

/** One storefront endpoint under load: the URLs a run cycles through. */
export interface Endpoint {
  key: 'list' | 'search' | 'product' | 'featured';
  label: string;
  paths: string[];
}

const PRODUCT_PAGES = 200;

/** The endpoints the catalog benchmark drives, with URLs spread over the generated catalogue. */
export function defineEndpoints(categories: CategoryDoc[], products: ProductDoc[]): Endpoint[] {
  const visible = products.filter((product) => product.active);
  const step = Math.floor(visible.length / PRODUCT_PAGES);
  const slugs = Array.from({ length: PRODUCT_PAGES }, (_, index) => visible[index * step]?.slug ?? '');
  return [
    {
      key: 'list',
      label: `product list (category, price_asc, page 2; ${categories.length} categories)`,
      paths: categories.map((category) => `/api/products?category=${category.slug}&sort=price_asc&page=2`),
    },
    {
      key: 'search',
      label: `search ?q= (${SEARCH_TERMS.length} queries)`,
      paths: SEARCH_TERMS.map((term) => `/api/products?q=${encodeURIComponent(term)}`),
    },
    {
      key: 'product',
      label: `product page (${PRODUCT_PAGES} slugs)`,
      paths: slugs.map((slug) => `/api/products/${slug}`),
    },
    { key: 'featured', label: 'featured', paths: ['/api/products/featured'] },
  ];
}

/** Runs `work` over `items`, `concurrency` at a time (a shop warms its cache with several shoppers at once too). */
async function forEachConcurrently<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Fetches every URL once and returns the response bodies by path; fails on anything but 200 or on an empty
 * listing, so a benchmark never measures error pages. Against the cached API this also warms the cache.
 */
export async function recordBodies(baseUrl: string, endpoints: Endpoint[]): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  await forEachConcurrently(
    endpoints.flatMap((endpoint) => endpoint.paths),
    8,
    async (path) => {
      const response = await fetch(`${baseUrl}${path}`);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
      const parsed = JSON.parse(body) as { items?: unknown[] };
      if (parsed.items && parsed.items.length === 0) throw new Error(`GET ${path} returned no items`);
      bodies.set(path, body);
    },
  );
  return bodies;
}

/** URLs whose body from `baseUrl` differs from the recorded one (the Redis-less fallback must serve the same). */
export async function findDifferentBodies(baseUrl: string, recorded: Map<string, string>): Promise<string[]> {
  const different: string[] = [];
  await forEachConcurrently([...recorded], 8, async ([path, body]) => {
    const response = await fetch(`${baseUrl}${path}`);
    if (response.status !== 200 || (await response.text()) !== body) different.push(path);
  });
  return different.sort();
}

/** Headers that belong to one response only (date, request id), to the connection or to the encoding: not replayed. */
const PER_RESPONSE_HEADERS = new Set([
  'date',
  'x-request-id',
  'connection',
  'keep-alive',
  'content-length',
  'content-encoding',
  'transfer-encoding',
]);

/**
 * The headers the API sends with each URL's uncompressed answer (as the load generator, which sends no
 * Accept-Encoding, gets it), without the per-response and connection ones.
 */
export async function recordHeaders(baseUrl: string, paths: string[]): Promise<Map<string, Record<string, string>>> {
  const recorded = new Map<string, Record<string, string>>();
  await forEachConcurrently(paths, 8, async (path) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { 'accept-encoding': 'identity' } });
    await response.arrayBuffer();
    const kept: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!PER_RESPONSE_HEADERS.has(name)) kept[name] = value;
    });
    recorded.set(path, kept);
  });
  return recorded;
}
