import { ObjectId, type Db } from 'mongodb';
import type { CategoryDoc, EmbeddedImage, ProductDoc } from '../../apps/api/src/modules/catalog/model.js';
import { CATEGORIES, PRODUCTS } from '../../apps/api/src/modules/catalog/model.js';
import { foldText, slugify } from '../../apps/api/src/modules/catalog/text.js';
import { defaultVariant } from '../../apps/api/src/modules/catalog/variants.js';
import { searchFieldsOf } from '../../apps/api/src/modules/search/product-fields.js';

/** Ten categories, each with its own nouns, so names are unique and a category listing has ~1,000 products. */
const CATALOG: Array<{ name: string; nouns: string[] }> = [
  { name: 'Kitchen', nouns: ['Skillet', 'Saucepan', 'Colander', 'Cutting Board', 'Kettle'] },
  { name: 'Apparel', nouns: ['Shirt', 'Sweater', 'Jacket', 'Scarf', 'Trousers'] },
  { name: 'Garden', nouns: ['Planter', 'Watering Can', 'Trowel', 'Bench', 'Lantern'] },
  { name: 'Toys', nouns: ['Puzzle', 'Kite', 'Spinning Top', 'Rocking Horse', 'Building Set'] },
  { name: 'Books & Paper', nouns: ['Notebook', 'Journal', 'Sketchbook', 'Planner', 'Bookmark'] },
  { name: 'Audio', nouns: ['Speaker', 'Headphones', 'Turntable', 'Radio', 'Amplifier'] },
  { name: 'Office', nouns: ['Desk Lamp', 'Pen Holder', 'Desk Organizer', 'Monitor Stand', 'Letter Tray'] },
  { name: 'Sport', nouns: ['Yoga Mat', 'Water Bottle', 'Jump Rope', 'Gym Bag', 'Kettlebell'] },
  { name: 'Beauty', nouns: ['Soap Bar', 'Hand Cream', 'Face Oil', 'Hair Brush', 'Bath Salts'] },
  { name: 'Pets', nouns: ['Dog Bed', 'Cat Tree', 'Leash', 'Feeding Bowl', 'Chew Toy'] },
];
const ADJECTIVES = [
  'Classic',
  'Modern',
  'Rustic',
  'Compact',
  'Deluxe',
  'Vintage',
  'Nordic',
  'Urban',
  'Coastal',
  'Alpine',
  'Everyday',
  'Premium',
  'Handmade',
  'Minimal',
  'Bold',
  'Soft',
  'Sturdy',
  'Light',
  'Heritage',
  'Crème',
];
const MATERIALS = ['Oak', 'Walnut', 'Linen', 'Cotton', 'Wool', 'Copper', 'Steel', 'Ceramic', 'Bamboo', 'Leather'];
const COLOURS = ['red', 'blue', 'green', 'black', 'white', 'grey', 'yellow', 'teal', 'orange', 'navy'];

export const PRODUCT_COUNT = 10_000;
export const CATEGORY_COUNT = CATALOG.length;
/** Search terms that each match a realistic share of the catalogue: one word, two words, an accent-folded word. */
export const SEARCH_TERMS = [
  'walnut',
  'linen shirt',
  'blue',
  'creme',
  'copper kettle',
  'vintage',
  'wool scarf',
  'bamboo',
];

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same catalogue. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function fakeImage(next: () => number, alt: string): EmbeddedImage {
  const hash = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return { imageId: new ObjectId(), alt, hash, width: 1600, height: 1200, widths: [320, 640, 1280] };
}

/** The categories, in storefront order. */
export function makeCategories(now: Date): CategoryDoc[] {
  return CATALOG.map((category, index) => ({
    _id: new ObjectId(),
    name: category.name,
    slug: slugify(category.name),
    description: `Everything ${category.name.toLowerCase()}, chosen for everyday use.`,
    image: null,
    sortOrder: index * 10,
    createdAt: now,
    updatedAt: now,
  }));
}

/**
 * Product `index` of the benchmark catalogue, shaped exactly as the admin service writes it (search keys from
 * name, description, attributes and category, folded name key, stock split into stock/reserved/sold). Names are unique by construction:
 * category × adjective × material × noun.
 */
export function makeProduct(index: number, categories: CategoryDoc[], now: Date): ProductDoc {
  const next = random(index + 1);
  const categoryIndex = index % CATALOG.length;
  const k = Math.floor(index / CATALOG.length);
  const nouns = CATALOG[categoryIndex]?.nouns ?? [];
  const name = `${ADJECTIVES[k % ADJECTIVES.length]} ${MATERIALS[Math.floor(k / ADJECTIVES.length) % MATERIALS.length]} ${nouns[Math.floor(k / 200) % nouns.length]}`;
  const colour = COLOURS[Math.floor(next() * COLOURS.length)] ?? 'red';
  const description = `A ${colour} ${name.toLowerCase()} made to last. Designed in small batches, checked by hand, and packed without plastic. Size ${1 + Math.floor(next() * 5)}.`;
  const price = 500 + Math.floor(next() * 500) * 100 + 99;
  const createdAt = new Date(now.getTime() - Math.floor(next() * 365 * 24 * 3_600_000));
  const imageCount = Math.floor(next() * 3);
  const attributes = [
    { key: 'Colour', value: colour },
    { key: 'Material', value: MATERIALS[Math.floor(k / ADJECTIVES.length) % MATERIALS.length] ?? 'Oak' },
  ];
  const stock = next() < 0.1 ? 0 : Math.floor(next() * 200);
  const reserved = Math.floor(next() * 3);
  const sold = Math.floor(next() * 50);
  const compareAtPrice = next() < 0.2 ? Math.round(price * 1.25) : null;
  const sku = `BENCH-${index}`;
  return {
    _id: new ObjectId(),
    name,
    slug: slugify(name),
    description,
    price,
    maxPrice: price,
    compareAtPrice,
    categoryId: categories[categoryIndex]?._id ?? null,
    options: [],
    variants: [
      {
        ...defaultVariant({ price, compareAtPrice, stock, sku }, new ObjectId()),
        reserved,
        sold,
      },
    ],
    images: Array.from({ length: imageCount }, (_, position) =>
      fakeImage(next, position === 0 ? name : `${name}, view ${position + 1}`),
    ),
    attributes,
    stock,
    reserved,
    sold,
    active: next() >= 0.03,
    featured: next() < 0.01,
    archived: false,
    ...searchFieldsOf({ name, description, attributes }, categories[categoryIndex]?.name ?? null),
    nameKey: foldText(name),
    createdAt,
    updatedAt: createdAt,
  };
}

/** Inserts the whole catalogue with the driver in bulk (the API creates its indexes when it starts). */
export async function insertCatalog(db: Db): Promise<{ categories: CategoryDoc[]; products: ProductDoc[] }> {
  const now = new Date();
  const categories = makeCategories(now);
  const products = Array.from({ length: PRODUCT_COUNT }, (_, index) => makeProduct(index, categories, now));
  await db.collection<CategoryDoc>(CATEGORIES).insertMany(categories);
  for (let start = 0; start < products.length; start += 1_000) {
    await db.collection<ProductDoc>(PRODUCTS).insertMany(products.slice(start, start + 1_000), { ordered: false });
  }
  return { categories, products };
}
