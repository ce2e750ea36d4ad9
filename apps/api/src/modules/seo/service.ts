import {
  IMAGE_SIZES,
  LISTING_PAGE_SIZE,
  type TCategory,
  type TImage,
  type TProduct,
  type TProductSummary,
} from '@mercato/shared';
import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../../lib/html.js';
import { createProductsRepo, VISIBLE } from '../catalog/products-repo.js';
import { productJsonLd, summarise, type PageHead, type PreloadImage } from './head.js';

function preloadOf(image: TImage | null | undefined, sizes: string): PreloadImage | undefined {
  return image ? { src: image.src, srcset: image.srcset, sizes } : undefined;
}

/**
 * The home page's first data: featured products and categories as the API answers them, and the first featured
 * product's image (the first card of the grid) to preload. Either may be missing (the page then fetches it).
 */
async function homeData(app: FastifyInstance): Promise<{ image: TImage | null; responses: Record<string, string> }> {
  const [featured, categories] = await Promise.all([
    app.catalog.featured().catch(() => null),
    app.catalog.listCategories().catch(() => null),
  ]);
  const responses: Record<string, string> = {};
  if (featured) responses['/api/products/featured'] = featured.json;
  if (categories) responses['/api/categories'] = categories.json;
  const items = featured ? (JSON.parse(featured.json) as { items: TProductSummary[] }).items : [];
  return { image: items[0]?.image ?? null, responses };
}

/**
 * A category's first page as the web app asks for it when its URL has no filters (newest first, a listing page of
 * `LISTING_PAGE_SIZE`), keyed by that request; nothing if it cannot be had (the page then fetches it).
 */
async function firstListingPage(app: FastifyInstance, category: string): Promise<Record<string, string>> {
  const query = { category, sort: 'newest', page: 1, pageSize: LISTING_PAGE_SIZE } as const;
  const listing = await app.catalog.listProducts(query).catch(() => null);
  if (!listing) return {};
  const search = new URLSearchParams({ category, sort: query.sort, page: '1', pageSize: String(query.pageSize) });
  search.sort(); // the web app looks keys up with sorted parameters (lib/prefetched.ts)
  return { [`/api/products?${search.toString()}`]: listing.json };
}

/**
 * The head for a storefront URL (path and query), or null for pages without their own (they keep the app's
 * defaults).
 */
export async function headForPath(app: FastifyInstance, url: string): Promise<PageHead | null> {
  const [path = '/', search = ''] = url.split('?');
  const { PUBLIC_URL: base, STORE_NAME: store } = app.config;
  const product = /^\/p\/([a-z0-9-]{1,120})\/?$/.exec(path)?.[1];
  if (product) {
    const cached = await app.catalog.getProduct(product).catch(() => null);
    if (!cached) return null;
    const item = JSON.parse(cached.json) as TProduct;
    return {
      title: `${item.name} · ${store}`,
      description: summarise(item.description || item.name),
      canonical: `${base}/p/${item.slug}`,
      image: item.images[0] ? `${base}${item.images[0].src}` : undefined,
      type: 'product',
      jsonLd: productJsonLd(item, base),
      preloadImage: preloadOf(item.images[0], IMAGE_SIZES.productMain),
      // The page's own request, answered in the page: it renders as soon as its JavaScript runs.
      apiResponses: { [`/api/products/${product}`]: cached.json },
    };
  }
  const category = /^\/c\/([a-z0-9-]{1,120})\/?$/.exec(path)?.[1];
  if (category) {
    const categories = await app.catalog.listCategories();
    const { items } = JSON.parse(categories.json) as { items: TCategory[] };
    const found = items.find((item) => item.slug === category);
    if (!found) return null;
    return {
      title: `${found.name} · ${store}`,
      description: summarise(found.description || `Shop ${found.name} at ${store}.`),
      canonical: `${base}/c/${found.slug}`,
      image: found.image ? `${base}${found.image.src}` : undefined,
      type: 'website',
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        name: found.name,
        url: `${base}/c/${found.slug}`,
      },
      // With filters in the URL the listing is another request: only the categories are sent then.
      apiResponses: { '/api/categories': categories.json, ...(search ? {} : await firstListingPage(app, found.slug)) },
    };
  }
  if (path === '/') {
    const { image, responses } = await homeData(app);
    return {
      title: `${store} · Shop online`,
      description: `Shop ${store}: fast browsing, a cart that keeps your items and a secure checkout.`,
      canonical: `${base}/`,
      type: 'website',
      preloadImage: preloadOf(image, IMAGE_SIZES.productCard),
      apiResponses: responses,
    };
  }
  return null;
}

/**
 * sitemap.xml: the home page, every category and every visible product. Cached with the catalog (up to 50,000
 * products are read to build it) and rebuilt after any admin product or category write; a sale does not touch it.
 */
export async function buildSitemap(app: FastifyInstance): Promise<string> {
  const cached = await app.catalog.contentView('sitemap', () => renderSitemap(app));
  return JSON.parse(cached.json) as string;
}

async function renderSitemap(app: FastifyInstance): Promise<string> {
  const base = app.config.PUBLIC_URL;
  const products = await createProductsRepo(app.mongo.db)
    .collection.find(VISIBLE, { projection: { slug: 1, updatedAt: 1 } })
    .sort({ _id: 1 })
    .limit(50_000)
    .toArray();
  const { items: categories } = JSON.parse((await app.catalog.listCategories()).json) as { items: TCategory[] };
  const url = (loc: string, lastmod?: Date) =>
    `  <url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(`${base}/`),
    ...categories.map((category) => url(`${base}/c/${category.slug}`)),
    ...products.map((product) => url(`${base}/p/${product.slug}`, product.updatedAt)),
    '</urlset>',
    '',
  ].join('\n');
}

export function buildRobots(publicUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /account',
    'Disallow: /checkout',
    'Disallow: /api/',
    'Allow: /',
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
