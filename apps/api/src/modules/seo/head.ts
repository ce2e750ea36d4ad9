import { PREFETCHED_RESPONSES_ID, type TProduct } from '@mercato/shared';
import { escapeHtml } from '../../lib/html.js';
import { toDecimalString } from '../../lib/money.js';

/** The image a page shows largest above the fold, fetched from the head (before the app's JavaScript runs). */
export interface PreloadImage {
  src: string;
  srcset: string;
  /** Exactly the `sizes` of the `<img>` the page renders, so the browser picks the same file from the srcset. */
  sizes: string;
}

export interface PageHead {
  title: string;
  description: string;
  canonical: string;
  image?: string | undefined;
  type: 'website' | 'product';
  jsonLd?: unknown;
  preloadImage?: PreloadImage | undefined;
  /** API responses the page requests first, as the API would send them (JSON text), by path. */
  apiResponses?: Record<string, string> | undefined;
}

/** `<link rel=preload as=image>` for the page's main image, at high priority: it is the page's LCP element. */
function preloadLink({ src, srcset, sizes }: PreloadImage): string {
  return (
    `<link rel="preload" as="image" href="${escapeHtml(src)}" imagesrcset="${escapeHtml(srcset)}" ` +
    `imagesizes="${escapeHtml(sizes)}" fetchpriority="high" />`
  );
}

/**
 * JSON text that cannot close its <script> element or open a comment, whatever the product text says: `<`, `>` and
 * `&` only ever appear inside JSON strings, where their \\u escapes mean the same.
 */
function scriptSafe(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function safeJson(value: unknown): string {
  return scriptSafe(JSON.stringify(value));
}

/** The responses as one JSON object, `{"/api/…": <response>}`, built from the stored text (nothing re-serialised). */
function apiResponsesScript(responses: Record<string, string>): string {
  const members = Object.entries(responses).map(([path, json]) => `${JSON.stringify(path)}:${json}`);
  return `<script type="application/json" id="${PREFETCHED_RESPONSES_ID}">${scriptSafe(`{${members.join(',')}}`)}</script>`;
}

/** Rewrites the SPA's index.html head for one page: title, description, canonical, Open Graph and JSON-LD. */
export function injectHead(indexHtml: string, head: PageHead): string {
  const tags = [
    head.preloadImage ? preloadLink(head.preloadImage) : '',
    `<link rel="canonical" href="${escapeHtml(head.canonical)}" />`,
    `<meta property="og:type" content="${head.type}" />`,
    `<meta property="og:title" content="${escapeHtml(head.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(head.description)}" />`,
    `<meta property="og:url" content="${escapeHtml(head.canonical)}" />`,
    head.image ? `<meta property="og:image" content="${escapeHtml(head.image)}" />` : '',
    `<meta name="twitter:card" content="${head.image ? 'summary_large_image' : 'summary'}" />`,
    head.jsonLd ? `<script type="application/ld+json">${safeJson(head.jsonLd)}</script>` : '',
    head.apiResponses ? apiResponsesScript(head.apiResponses) : '',
  ]
    .filter(Boolean)
    .join('\n    ');
  // Replacer functions, never replacement strings: product text is the shop's data, and a `$'`, `$&` or `$1` in
  // a replacement string would splice other parts of the page into the head.
  const title = `<title>${escapeHtml(head.title)}</title>`;
  const description = `<meta name="description" content="${escapeHtml(head.description)}" />`;
  const end = `    ${tags}\n  </head>`;
  return indexHtml
    .replace(/<title>[^<]*<\/title>/, () => title)
    .replace(/<meta name="description" content="[^"]*"\s*\/?>/, () => description)
    .replace('</head>', () => end);
}

export function productJsonLd(product: TProduct, publicUrl: string): unknown {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    description: product.description,
    sku: product.id,
    image: product.images.map((image) => `${publicUrl}${image.src}`),
    ...(product.category ? { category: product.category.name } : {}),
    offers: {
      '@type': 'Offer',
      url: `${publicUrl}/p/${product.slug}`,
      price: toDecimalString(product.price, product.currency),
      priceCurrency: product.currency,
      availability: product.inStock ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
    },
  };
}

export function summarise(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
