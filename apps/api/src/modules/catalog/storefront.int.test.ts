import { ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { signedInUser, type SignedIn } from '../../test-support/auth.test-support.js';
import { createCategory, createProduct } from '../../test-support/catalog.test-support.js';
import { PRODUCTS } from './model.js';
import { queryWords } from '../search/analyze.js';
import { SEARCH_CANDIDATE_DEFAULT } from '../../config/env-schema.js';
import { candidateQuery } from '../search/mongo-engine.js';
import { TIERS, tierFilter, type Tier } from '../search/query-keys.js';

type CategorySlug = 'kitchen' | 'garden' | 'bath';

interface Known {
  name: string;
  slug: string;
  description: string;
  price: number;
  stock: number;
  category: CategorySlug | null;
  featured?: boolean;
  active?: boolean;
  /** Deleted while an order references it, so archived rather than removed. */
  archived?: boolean;
}

/**
 * The known data set, in creation order (later = newer). Chosen so that every filter narrows something: accents in
 * names and descriptions, equal prices (ties fall back to creation order), out-of-stock items in every category, an
 * uncategorised product, an inactive and an archived one that must never show.
 */
const CATALOG: Known[] = [
  {
    name: 'Copper Pan',
    slug: 'copper-pan',
    price: 5000,
    stock: 3,
    category: 'kitchen',
    description: 'A copper pan for crêpes.',
  },
  {
    name: 'Crème Brûlée Torch',
    slug: 'creme-brulee-torch',
    price: 2500,
    stock: 0,
    category: 'kitchen',
    description: 'Caramelise sugar.',
  },
  {
    name: 'Bread Knife',
    slug: 'bread-knife',
    price: 3500,
    stock: 7,
    category: 'kitchen',
    featured: true,
    description: 'Serrated steel.',
  },
  {
    name: 'Garden Hose',
    slug: 'garden-hose',
    price: 4500,
    stock: 12,
    category: 'garden',
    description: 'Kink-free hose.',
  },
  {
    name: 'Pruning Shears',
    slug: 'pruning-shears',
    price: 1500,
    stock: 1,
    category: 'garden',
    featured: true,
    description: 'Sharp steel blades for the garden.',
  },
  {
    name: 'Watering Can',
    slug: 'watering-can',
    price: 2000,
    stock: 0,
    category: 'garden',
    description: 'Galvanised steel can.',
  },
  {
    name: 'Apron',
    slug: 'apron',
    price: 1000,
    stock: 50,
    category: null,
    description: 'Cotton apron for kitchen or garden.',
  },
  {
    name: 'Hidden Draft',
    slug: 'hidden-draft',
    price: 999,
    stock: 5,
    category: 'kitchen',
    active: false,
    description: 'Not yet for sale steel.',
  },
  { name: 'Zinc Planter', slug: 'zinc-planter', price: 6000, stock: 2, category: 'garden', description: 'A planter.' },
  {
    name: 'Savon de Marseille',
    slug: 'savon-de-marseille',
    price: 800,
    stock: 40,
    category: 'bath',
    description: 'Olive oil soap, handmade in Provence.',
  },
  {
    name: 'Éponge Naturelle',
    slug: 'eponge-naturelle',
    price: 1200,
    stock: 0,
    category: 'bath',
    description: 'A natural sea sponge for the bath.',
  },
  {
    name: 'Bath Towel',
    slug: 'bath-towel',
    price: 2500,
    stock: 9,
    category: 'bath',
    description: 'Thick cotton towel, steel grey.',
  },
  {
    name: 'Steel Soap Dish',
    slug: 'steel-soap-dish',
    price: 1500,
    stock: 4,
    category: 'bath',
    description: 'Brushed steel dish for soap.',
  },
  {
    name: 'Cotton Bathrobe',
    slug: 'cotton-bathrobe',
    price: 7500,
    stock: 0,
    category: 'bath',
    description: 'Soft cotton robe.',
  },
  {
    name: 'Crêpe Pan',
    slug: 'crepe-pan',
    price: 3000,
    stock: 6,
    category: 'kitchen',
    description: 'Non-stick steel pan for crêpes and pancakes.',
  },
  {
    name: 'Archived Soap',
    slug: 'archived-soap',
    price: 900,
    stock: 3,
    category: 'bath',
    archived: true,
    description: 'Old steel soap.',
  },
  {
    name: 'Inactive Loofah',
    slug: 'inactive-loofah',
    price: 700,
    stock: 8,
    category: 'bath',
    active: false,
    description: 'Loofah for the bath, steel free.',
  },
];

let ctx: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInUser(ctx, { role: 'admin' });
  const categoryIds: Record<CategorySlug, string> = {
    kitchen: (await createCategory(ctx, admin.accessToken, { name: 'Kitchen' })).id,
    garden: (await createCategory(ctx, admin.accessToken, { name: 'Garden Tools', slug: 'garden' })).id,
    bath: (await createCategory(ctx, admin.accessToken, { name: 'Bath & Body', slug: 'bath' })).id,
  };
  // One by one, so creation order (and with it "newest" and every tie-break) is the array's order.
  for (const { category, archived, ...product } of CATALOG) {
    const created = await createProduct(ctx, admin.accessToken, {
      ...product,
      categoryId: category ? categoryIds[category] : null,
    });
    if (archived) {
      await ctx.db.collection('orders').insertOne({ lines: [{ productId: new ObjectId(created.id), quantity: 1 }] });
      const removed = await request(ctx.url, 'DELETE', `/api/admin/products/${created.id}`, {
        token: admin.accessToken,
      });
      expect(removed.body).toEqual({ result: 'archived' });
    }
  }
});
afterAll(() => ctx.close());

// ---------------------------------------------------------------------------------------------------------------
// The expected answer, computed from CATALOG alone: a plain re-statement of the storefront's rules, written without
// the application's code (its own folding, its own sort), so a bug in one is not copied into the other.

const CATEGORY_NAMES = { kitchen: 'Kitchen', garden: 'Garden Tools', bath: 'Bath & Body', none: '' } as const;
const VISIBLE_CATALOG = CATALOG.filter((product) => product.active !== false && !product.archived);
const textOf = (product: Known) =>
  wordsOf(`${product.name} ${product.description} ${CATEGORY_NAMES[product.category ?? 'none']}`);
const plural = (a: string, b: string) => a === `${b}s` || a === `${b}es`;
/** Whole, as a plural, or as a prefix. */
const plainMatch = (words: string[], word: string) =>
  words.some((held) => held.startsWith(word) || plural(held, word) || plural(word, held));

/** One insertion, deletion, substitution or swap of neighbours apart (the typo search forgives in 4–7 letter words). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start += 1;
  const [restA, restB] = [a.slice(start), b.slice(start)];
  return (
    restA.slice(1) === restB.slice(1) || // substitution
    restA.slice(1) === restB || // deletion
    restA === restB.slice(1) || // insertion
    (restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2)) // swap
  );
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const wordsOf = (text: string) =>
  fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

interface Query {
  category?: CategorySlug;
  q?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort?: 'newest' | 'price_asc' | 'price_desc' | 'name';
  page?: number;
  pageSize?: number;
}

function expected(query: Query): { slugs: string[]; total: number; totalPages: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 24;
  const searched = query.q === undefined ? [] : wordsOf(query.q);
  const rows = CATALOG.map((product, order) => ({ product, order })).filter(({ product }) => {
    if (product.active === false || product.archived) return false;
    if (query.category !== undefined && product.category !== query.category) return false;
    if (query.minPrice !== undefined && product.price < query.minPrice) return false;
    if (query.maxPrice !== undefined && product.price > query.maxPrice) return false;
    if (query.inStock && product.stock <= 0) return false;
    if (query.q !== undefined) {
      // Search (modules/search) matches each word in name, description or category name, whole, as a plural or as
      // a prefix; with one typo (name and category, 4-7 letters) only a word that matches no visible product as typed.
      const strong = wordsOf(`${product.name} ${CATEGORY_NAMES[product.category ?? 'none']}`);
      const matches = (word: string) =>
        plainMatch(textOf(product), word) ||
        (!VISIBLE_CATALOG.some((other) => plainMatch(textOf(other), word)) &&
          word.length >= 4 &&
          strong.some((held) => held.length >= 4 && oneEditApart(word, held)));
      if (!searched.every(matches)) return false;
    }
    return true;
  });
  const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
  const compare: Record<NonNullable<Query['sort']>, (a: (typeof rows)[0], b: (typeof rows)[0]) => number> = {
    newest: (a, b) => byOrder(b, a),
    price_asc: (a, b) => a.product.price - b.product.price || byOrder(a, b),
    price_desc: (a, b) => b.product.price - a.product.price || byOrder(b, a),
    name: (a, b) => {
      const [x, y] = [fold(a.product.name), fold(b.product.name)];
      return x < y ? -1 : x > y ? 1 : byOrder(a, b);
    },
  };
  rows.sort(compare[query.sort ?? 'newest']);
  return {
    slugs: rows.slice((page - 1) * pageSize, page * pageSize).map(({ product }) => product.slug),
    total: rows.length,
    totalPages: Math.max(1, Math.ceil(rows.length / pageSize)),
  };
}

const toSearch = (query: Query) =>
  new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();

// ---------------------------------------------------------------------------------------------------------------

const list = async (query: string) => {
  const response = await request(ctx.url, 'GET', `/api/products${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    items: { name: string; slug: string; price: number; inStock: boolean }[];
    pageInfo: { total: number; totalPages: number; page: number; pageSize: number };
  };
};
const names = async (query: string) => (await list(query)).items.map((item) => item.name);

const SORT_NAMES = ['newest', 'price_asc', 'price_desc', 'name'] as const;

/** Every sort alone and combined with the filters below; then combinations chosen to stress pairs of features. */
const COMBINATIONS: Query[] = [
  {},
  ...SORT_NAMES.flatMap((sort): Query[] => [
    { sort },
    { sort, category: 'kitchen' },
    { sort, category: 'garden' },
    { sort, category: 'bath' },
    { sort, q: 'steel' },
    { sort, inStock: true },
    { sort, inStock: false },
    { sort, minPrice: 1500, maxPrice: 3500 },
    { sort, pageSize: 5, page: 2 },
  ]),
  // search + price
  { q: 'steel', minPrice: 1500, maxPrice: 3500 },
  { q: 'steel', minPrice: 2600, sort: 'price_asc' },
  { q: 'cotton', maxPrice: 2500, sort: 'price_desc' },
  { q: 'steel', minPrice: 2500, maxPrice: 2500 },
  // search + paging (including past the last page)
  { q: 'steel', sort: 'name', pageSize: 2, page: 1 },
  { q: 'steel', sort: 'name', pageSize: 2, page: 2 },
  { q: 'steel', sort: 'name', pageSize: 2, page: 3 },
  { q: 'steel', sort: 'name', pageSize: 2, page: 4 },
  // search + price_desc (+ paging, + stock)
  { q: 'steel', sort: 'price_desc' },
  { q: 'steel', sort: 'price_desc', pageSize: 4, page: 2 },
  { q: 'soap', sort: 'price_desc', inStock: true },
  // search with category, stock, accents, case and several words
  { q: 'steel', category: 'garden', inStock: true },
  { q: 'steel', category: 'bath', sort: 'price_asc' },
  { q: 'bath', category: 'bath' },
  { q: 'cotton', inStock: true, sort: 'name' },
  { q: 'cotton', inStock: false, sort: 'name' },
  { q: 'EPONGE' },
  { q: 'crêpes' },
  { q: 'crepe' },
  { q: 'Pan' },
  { q: 'soap olive' },
  { q: 'olive SOAP', category: 'bath' },
  { q: 'garden cotton' },
  { q: 'pan', category: 'kitchen', sort: 'price_asc', maxPrice: 4000 },
  { q: 'steel', category: 'kitchen', minPrice: 3000, maxPrice: 3000 },
  { q: 'nothing-matches-this' },
  // stock, price and category together, both stock settings
  { category: 'bath', inStock: true, sort: 'price_desc' },
  { category: 'bath', inStock: false, sort: 'price_desc' },
  { category: 'kitchen', maxPrice: 3000 },
  { category: 'garden', minPrice: 2000, inStock: true, sort: 'name' },
  { minPrice: 2500, maxPrice: 2500, sort: 'price_asc' },
  { minPrice: 2500, maxPrice: 2500, sort: 'price_desc' },
  { minPrice: 0, maxPrice: 1_000_000 },
  { minPrice: 7000 },
  { maxPrice: 999 },
  { inStock: true, sort: 'price_asc', pageSize: 3, page: 3 },
  { sort: 'name', pageSize: 100, page: 1 },
  { sort: 'newest', pageSize: 1, page: 14 },
  { sort: 'newest', pageSize: 1, page: 15 },
];

describe('browsing products', () => {
  it('when every combination of category, q, price range, inStock, sort and paging is listed, then items and totals match the known data', async () => {
    for (const query of COMBINATIONS) {
      const want = expected(query);
      const got = await list(`?${toSearch(query)}`);
      const label = toSearch(query) || '(defaults)';
      expect(
        got.items.map((item) => item.slug),
        label,
      ).toEqual(want.slugs);
      expect(got.pageInfo, label).toEqual({
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 24,
        total: want.total,
        totalPages: want.totalPages,
      });
    }
  });

  it('when the expected answers are computed, then they describe the data set (the oracle is not vacuous)', () => {
    // A spot check by hand of the function the combinations rely on.
    expect(expected({}).total).toBe(14);
    expect(expected({ q: 'steel', sort: 'name' }).slugs).toEqual([
      'bath-towel',
      'bread-knife',
      'crepe-pan',
      'pruning-shears',
      'steel-soap-dish',
      'watering-can',
    ]);
    expect(expected({ q: 'steel', sort: 'price_desc', pageSize: 4, page: 2 }).slugs).toEqual([
      'steel-soap-dish',
      'pruning-shears',
    ]);
    expect(expected({ minPrice: 2500, maxPrice: 2500, sort: 'price_desc' }).slugs).toEqual([
      'bath-towel',
      'creme-brulee-torch',
    ]);
    expect(expected({ category: 'bath', inStock: true }).slugs).toEqual([
      'steel-soap-dish',
      'bath-towel',
      'savon-de-marseille',
    ]);
  });

  it('when listing with defaults, then only active, unarchived products appear, newest first, with page info', async () => {
    const body = await list('');
    expect(body.items.map((item) => item.name)).toEqual([
      'Crêpe Pan',
      'Cotton Bathrobe',
      'Steel Soap Dish',
      'Bath Towel',
      'Éponge Naturelle',
      'Savon de Marseille',
      'Zinc Planter',
      'Apron',
      'Watering Can',
      'Pruning Shears',
      'Garden Hose',
      'Bread Knife',
      'Crème Brûlée Torch',
      'Copper Pan',
    ]);
    expect(body.pageInfo).toEqual({ page: 1, pageSize: 24, total: 14, totalPages: 1 });
  });

  it('when sorting by name, then accents are ignored; equal prices keep their creation order', async () => {
    expect(await names('?sort=name&category=bath')).toEqual([
      'Bath Towel',
      'Cotton Bathrobe',
      'Éponge Naturelle',
      'Savon de Marseille',
      'Steel Soap Dish',
    ]);
    expect(await names('?sort=price_asc&minPrice=1500&maxPrice=2500')).toEqual([
      'Pruning Shears',
      'Steel Soap Dish',
      'Watering Can',
      'Crème Brûlée Torch',
      'Bath Towel',
    ]);
  });

  it('when searching, then words or their beginnings match in any order, ignoring case and accents, in name, description and category', async () => {
    // "crepe" is one typo away, but "creme" exists as typed, so it is taken as meant.
    expect(await names('?q=creme&sort=name')).toEqual(['Crème Brûlée Torch']);
    expect(await names('?q=crepz')).toEqual(['Crêpe Pan']);
    expect(await names('?q=BRULEE%20crème')).toEqual(['Crème Brûlée Torch']);
    expect(await names('?q=garden%20cotton')).toEqual(['Apron']);
    expect(await names('?q=crepes&sort=name')).toEqual(['Copper Pan', 'Crêpe Pan']);
    expect(await names('?q=cop')).toEqual(['Copper Pan']);
    expect(await names('?q=towels')).toEqual(['Bath Towel']);
    expect(await names('?q=steel&category=garden&inStock=true')).toEqual(['Pruning Shears']);
  });

  it('when the search has no searchable word (only symbols, or only over-long words), then nothing matches, not everything', async () => {
    for (const q of ['!!!', '***%20???', '—%20…', 'a'.repeat(41), `${'x'.repeat(45)}%20${'y'.repeat(45)}`]) {
      const body = await list(`?q=${q}`);
      expect(body.items, q).toEqual([]);
      expect(body.pageInfo, q).toEqual({ page: 1, pageSize: 24, total: 0, totalPages: 1 });
    }
    const adminSearch = await request(ctx.url, 'GET', '/api/admin/products?q=%21%21%21', { token: admin.accessToken });
    expect(adminSearch.status).toBe(200);
    expect(adminSearch.body.pageInfo.total).toBe(0);
    // An empty (or blank) q is no search at all.
    expect((await list('?q=%20%20')).pageInfo.total).toBe(14);
  });

  it('when the query is invalid, then a 400 names the parameter', async () => {
    const cases: [string, string][] = [
      ['?pageSize=101', 'query.pageSize'],
      ['?sort=random', 'query.sort'],
      ['?minPrice=-1', 'query.minPrice'],
      ['?minPrice=5000&maxPrice=100', 'query.minPrice'],
      ['?maxPrice=12.5', 'query.maxPrice'],
      ['?category=Not%20A%20Slug', 'query.category'],
      ['?page=0', 'query.page'],
      ['?inStock=maybe', 'query.inStock'],
      ['?unknown=1', 'query.unknown'],
    ];
    for (const [query, path] of cases) {
      const response = await request(ctx.url, 'GET', `/api/products${query}`);
      expect(response.status, query).toBe(400);
      expect(
        response.body.errors.map((error: { path: string }) => error.path),
        query,
      ).toContain(path);
    }
  });

  it('when the category does not exist, then 404', async () => {
    expect((await request(ctx.url, 'GET', '/api/products?category=nope')).status).toBe(404);
  });
});

/** The IXSCAN stage of a winning plan, wherever the server nests it (FETCH, SORT, MongoDB 7's queryPlan). */
function findIxscan(stage: Document | undefined): Document | undefined {
  if (!stage) return undefined;
  if (stage.stage === 'IXSCAN') return stage;
  for (const child of [stage.queryPlan, stage.inputStage, ...((stage.inputStages as Document[] | undefined) ?? [])]) {
    const found = findIxscan(child as Document | undefined);
    if (found) return found;
  }
  return undefined;
}

describe('search reads through the search-keys index', () => {
  /** Explains the exact candidate query the search engine sends for one tier of this text, on the app's own db. */
  async function explainTier(q: string, tier: Tier) {
    const query = candidateQuery(queryWords(q), tier, SEARCH_CANDIDATE_DEFAULT);
    if (!query) return undefined;
    const explained = await ctx.app.mongo.db
      .collection(PRODUCTS)
      .find(query.filter, query.options)
      .explain('executionStats');
    return {
      ixscan: findIxscan(explained.queryPlanner?.winningPlan as Document | undefined),
      docsExamined: explained.executionStats?.totalDocsExamined as number,
      returned: explained.executionStats?.nReturned as number,
    };
  }

  it('when any tier of a search is planned, then the winning plan is an IXSCAN led by searchKeys', async () => {
    for (const q of ['steel', 'cop', 'steal', 'soap olive', 'turntabel bath', 'garden cotton']) {
      for (const tier of TIERS) {
        const plan = await explainTier(q, tier);
        if (!plan) continue; // this tier adds nothing for these words (no word long enough for a typo)
        expect(plan.ixscan, `${q} ${tier}`).toBeDefined();
        expect(Object.keys(plan.ixscan?.keyPattern ?? {})[0], `${q} ${tier}`).toBe('searchKeys');
      }
    }
  });

  it('when one word is searched, then only the visible products holding one of its keys are examined', async () => {
    const steel = await explainTier('steel', 'anywhere');
    expect(steel?.returned).toBe(expected({ q: 'steel' }).total);
    expect(steel?.docsExamined).toBe(steel?.returned);
  });

  it('when the search is ten long nonsense words, then the plan examines no document at all', async () => {
    const nonsense = Array.from({ length: 10 }, (_, index) => `qzx${'w'.repeat(16)}${'abcdefghij'[index]}`).join(' ');
    for (const tier of TIERS) expect((await explainTier(nonsense, tier))?.docsExamined, tier).toBe(0);
  });

  it('when the search has no searchable word, then no tier has a query to send', () => {
    for (const tier of TIERS) expect(tierFilter(queryWords('!!! *** ???'), tier)).toBeUndefined();
  });
});

describe('product pages, featured, related, categories', () => {
  it('when a product is opened by slug, then its details come back; inactive and archived ones are invisible', async () => {
    const response = await request(ctx.url, 'GET', '/api/products/creme-brulee-torch');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Crème Brûlée Torch',
      price: 2500,
      currency: 'USD',
      inStock: false,
      stock: 0,
      category: { slug: 'kitchen' },
    });
    expect((await request(ctx.url, 'GET', '/api/products/hidden-draft')).status).toBe(404);
    expect((await request(ctx.url, 'GET', '/api/products/archived-soap')).status).toBe(404);
  });

  it('when featured products are requested, then only active featured ones come back', async () => {
    const response = await request(ctx.url, 'GET', '/api/products/featured');
    expect(response.body.items.map((item: { name: string }) => item.name).sort()).toEqual([
      'Bread Knife',
      'Pruning Shears',
    ]);
  });

  it('when related products are requested, then the same category comes first and the product itself never', async () => {
    const response = await request(ctx.url, 'GET', '/api/products/copper-pan/related');
    const related = response.body.items.map((item: { name: string }) => item.name);
    expect(related.slice(0, 3)).toEqual(['Crêpe Pan', 'Bread Knife', 'Crème Brûlée Torch']);
    expect(related).not.toContain('Copper Pan');
    expect(related).not.toContain('Hidden Draft');
  });

  it('when categories are listed, then they come in order with counts of visible products', async () => {
    const response = await request(ctx.url, 'GET', '/api/categories');
    expect(
      response.body.items.map((item: { slug: string; productCount: number }) => [item.slug, item.productCount]),
    ).toEqual([
      ['bath', 5],
      ['garden', 4],
      ['kitchen', 4],
    ]);
  });
});
