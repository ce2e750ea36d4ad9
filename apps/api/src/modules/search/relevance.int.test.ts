import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../../test-support/auth.test-support.js';
import { request, startTestApp, type TestApp } from '../../test-support/harness.test-support.js';
import { createDemoCatalog } from '../../test-support/search.test-support.js';

/**
 * The relevance test set: what shoppers type into the demo shop and what they expect on top. `top` must be the first
 * results in that order; `topAnyOrder` must be the first results in some order (genuine ties). A ranking change that
 * moves any of these fails here, with every query's actual top listed.
 */
const CASES: { q: string; top?: string[]; topAnyOrder?: string[]; why: string }[] = [
  { q: 'knife', top: ['Chef’s Knife 20 cm'], why: 'exact word in the name' },
  { q: 'knif', top: ['Chef’s Knife 20 cm'], why: 'prefix (the issue’s own example)' },
  { q: 'knives', top: ['Chef’s Knife 20 cm'], why: 'plural -ves' },
  { q: 'kinfe', top: ['Chef’s Knife 20 cm'], why: 'one transposition in a 5-letter word' },
  { q: 'turnt', top: ['Turntable'], why: 'prefix' },
  { q: 'turntabel', top: ['Turntable'], why: 'typo in a long word' },
  { q: 'TURNTABLE', top: ['Turntable'], why: 'case folded' },
  { q: 'headphnes', top: ['Noise-Cancelling Headphones', 'Studio Headphones'], why: 'typo; head noun first' },
  {
    q: 'hedphnes',
    top: ['Noise-Cancelling Headphones', 'Studio Headphones'],
    why: 'two edits (two letters missing) in an 8-letter word',
  },
  { q: 'turntbel', top: ['Turntable'], why: 'two edits (a missing letter, a transposition) in an 8-letter word' },
  {
    q: 'headphones',
    top: ['Noise-Cancelling Headphones', 'Studio Headphones'],
    why: 'headphones before the stand and the amp (head noun); in stock first',
  },
  { q: 'headphone', top: ['Noise-Cancelling Headphones', 'Studio Headphones'], why: 'singular finds the plural' },
  { q: 'speaker', top: ['Portable Speaker', 'Bookshelf Speakers (pair)'], why: 'speakers before speaker stands' },
  { q: 'speakers', top: ['Portable Speaker', 'Bookshelf Speakers (pair)'], why: 'plural -s' },
  { q: 'desk', top: ['Oak Standing Desk'], why: 'the desk before desk lamp and desk mat' },
  { q: 'lamp', top: ['Brass Desk Lamp'], why: 'exact' },
  { q: 'lam', top: ['Brass Desk Lamp'], why: 'three-letter prefix' },
  { q: 'coffee', top: ['Coffee: From Bean to Cup', 'Pour-Over Coffee Dripper'], why: 'in stock first' },
  { q: 'coffee dripper', top: ['Pour-Over Coffee Dripper'], why: 'two words, both in the name' },
  { q: 'cast iron', top: ['Cast Iron Skillet 26 cm', 'Enamel Dutch Oven 4 L'], why: 'name before description' },
  { q: 'skillet', top: ['Cast Iron Skillet 26 cm'], why: 'exact' },
  { q: 'skilet', top: ['Cast Iron Skillet 26 cm'], why: 'missing letter' },
  { q: 'kitchen knife', top: ['Chef’s Knife 20 cm'], why: 'one word in the category, one in the name' },
  { q: 'kitchen', top: ['The Slow Kitchen', 'Digital Kitchen Scale'], why: 'names before the category' },
  { q: 'socks', top: ['Everyday Socks (3 pack)', 'Merino Hiking Socks'], why: 'sold-out socks second' },
  { q: 'sock', top: ['Everyday Socks (3 pack)', 'Merino Hiking Socks'], why: 'singular' },
  { q: 'merino', top: ['Merino Crew Sweater', 'Merino Hiking Socks'], why: 'names first, in stock first' },
  { q: 'wool', top: ['Wool Beanie'], why: 'name before descriptions' },
  { q: 'jackt', top: ['Waxed Canvas Jacket'], why: 'missing letter' },
  { q: 'canvas', top: ['Waxed Canvas Jacket', 'Canvas Sneakers'], why: 'in stock first' },
  { q: 'sneakers', top: ['Canvas Sneakers'], why: 'exact' },
  { q: 'tent', top: ['Ultralight Tent 2P'], why: 'head noun before a size' },
  { q: 'sleeping bag', top: ['Down Sleeping Bag'], why: 'both words in one name' },
  { q: 'bag', topAnyOrder: ['Down Sleeping Bag', 'Dry Bag 20 L'], why: 'both are bags' },
  { q: 'water bottle', top: ['Insulated Water Bottle 750 ml'], why: 'two words' },
  { q: 'camp', top: ['Camp Chair', 'Camping Stove'], why: 'whole word before prefix, even sold out' },
  { q: 'camping', top: ['Camping Stove'], why: 'exact' },
  { q: 'wireless', top: ['Wireless Earbuds', 'Wireless Charging Pad'], why: 'more of the name matched' },
  { q: 'wirless earbuds', top: ['Wireless Earbuds'], why: 'typo in one of two words' },
  { q: 'mic', top: ['USB Microphone'], why: 'prefix' },
  { q: 'vinyl', top: ['Vinyl Cleaning Kit'], why: 'exact' },
  { q: 'mushroom', top: ['Field Guide to Mushrooms'], why: 'singular finds the plural' },
  { q: 'sourdough', top: ['Bread Every Day'], why: 'only in a description' },
  { q: 'oak desk', top: ['Oak Standing Desk'], why: 'two words' },
  { q: 'brass', top: ['Brass Desk Lamp', 'Leather Belt'], why: 'name before description' },
  { q: 'cotton t-shirt', top: ['Organic Cotton T-shirt'], why: 'punctuation splits words' },
  { q: 'shirt', top: ['Linen Shirt', 'Organic Cotton T-shirt'], why: 'shorter name first' },
  { q: 'towel', top: ['Linen Tea Towels (pair)'], why: 'singular' },
  { q: 'casmere', top: ['Cashmere Scarf'], why: 'missing letter' },
  { q: 'sound', top: ['Sound & Silence', 'Soundbar'], why: 'name (whole, then prefix) before descriptions' },
  { q: 'dac', top: ['DAC & Headphone Amp'], why: 'short exact word' },
  { q: 'records', top: ['The Record Collector', 'Vinyl Cleaning Kit'], why: 'name before description' },
  { q: 'chair', top: ['Ergonomic Task Chair', 'Camp Chair'], why: 'in stock first' },
  { q: 'creme brulee', top: ['Crème Brûlée Ramekins (set of 4)'], why: 'accents folded' },
  { q: 'noise cancelling', top: ['Noise-Cancelling Headphones', 'Wireless Earbuds'], why: 'name before description' },
  {
    q: 'stand',
    topAnyOrder: ['Headphone Stand', 'Monitor Stand', 'Speaker Stands (pair)'],
    why: 'stands before the standing desk',
  },
];

let ctx: TestApp;

beforeAll(async () => {
  ctx = await startTestApp();
  const admin = await signedInUser(ctx, { role: 'admin' });
  await createDemoCatalog(ctx, admin.accessToken);
});
afterAll(() => ctx.close());

describe('relevance over the demo catalogue', () => {
  it(`when the ${CASES.length} queries of the test set are searched, then each one's expected products come first`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const failures: string[] = [];
    for (const { q, top, topAnyOrder, why } of CASES) {
      const response = await request(ctx.url, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
      const names: string[] = response.body.items.map((item: { name: string }) => item.name);
      const want = top ?? topAnyOrder ?? [];
      const got = names.slice(0, want.length);
      const isRight = top
        ? JSON.stringify(got) === JSON.stringify(top)
        : [...got].sort().join() === [...want].sort().join();
      if (!isRight)
        failures.push(`"${q}" (${why}): expected ${JSON.stringify(want)}, got ${JSON.stringify(names.slice(0, 5))}`);
    }
    expect(failures).toEqual([]);
  });

  it('when a long query word is two edits from a word of under 8 letters, then it does not match it; "did you mean" offers it', async () => {
    // Nine letters allow two typos, but "skillet" (seven) allows one: the smaller allowance of the two words applies.
    const response = await request(ctx.url, 'GET', '/api/search?q=skilletss');
    expect(response.body.items).toEqual([]);
    expect(response.body.didYouMean).toBe('skillet');
  });
});
