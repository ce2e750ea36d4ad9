import type { TProductVariantsInput } from '@mercato/shared';
import { variantMatrix } from './variants.js';

/**
 * The demo shop's catalogue: 6 categories, 11 products each, varied prices and stock (some sold out); some apparel
 * comes in sizes and colours (`options`), its stock spread over the combinations, the last one sold out.
 */
export interface DemoCategory {
  name: string;
  description: string;
  colors: [string, string];
  products: [
    name: string,
    priceCents: number,
    stock: number,
    description: string,
    options?: { name: string; values: string[] }[],
  ][];
}

/** What a variant having one of these values costs over the product's price (a bigger size costs more). */
export const DEMO_SURCHARGES: Record<string, number> = { XL: 300, XXL: 500 };

const SIZES = { name: 'Size', values: ['S', 'M', 'L', 'XL'] };

export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    name: 'Kitchen',
    description: 'Cookware, knives and everything for the table.',
    colors: ['#f97316', '#fde68a'],
    products: [
      [
        'Cast Iron Skillet 26 cm',
        4900,
        35,
        'Pre-seasoned cast iron that goes from stove to oven and lasts for generations.',
      ],
      ['Chef’s Knife 20 cm', 8900, 12, 'Forged stainless steel with a full tang and a comfortable walnut handle.'],
      ['Crème Brûlée Ramekins (set of 4)', 2400, 40, 'Glazed stoneware ramekins for crème brûlée, soufflés and dips.'],
      ['Pour-Over Coffee Dripper', 2900, 0, 'Ceramic dripper for a clean, bright cup. Fits most mugs.'],
      ['Linen Tea Towels (pair)', 1800, 60, 'Stonewashed linen that dries fast and gets softer with every wash.'],
      ['Olive Wood Cutting Board', 3900, 8, 'A single piece of olive wood with a natural grain, oiled by hand.'],
      ['Enamel Dutch Oven 4 L', 12900, 5, 'Heavy enamelled cast iron for braises, stews and bread.'],
      ['Digital Kitchen Scale', 2600, 25, 'Weighs to the gram, with a tare button and a slim glass top.'],
      ['Stainless Mixing Bowls (set of 3)', 3400, 18, 'Nesting bowls with non-slip bases and pouring spouts.'],
      ['Herb Keeper', 1900, 0, 'Keeps herbs fresh for up to two weeks in the fridge.'],
      ['Espresso Cups (set of 2)', 2200, 30, 'Double-walled glass cups that keep espresso hot and hands cool.'],
    ],
  },
  {
    name: 'Home Office',
    description: 'Desks, lamps and tools for focused work.',
    colors: ['#4338ca', '#a5b4fc'],
    products: [
      ['Oak Standing Desk', 54900, 4, 'Solid oak top on a quiet dual-motor frame with four height presets.'],
      ['Ergonomic Task Chair', 32900, 7, 'Adjustable lumbar support, breathable mesh and 4D armrests.'],
      ['Brass Desk Lamp', 11900, 15, 'Warm, dimmable LED light on an adjustable brass arm.'],
      ['Felt Desk Mat', 3900, 50, 'Merino wool felt that protects the desk and quiets the keyboard.'],
      ['Mechanical Keyboard', 13900, 0, 'Hot-swappable switches, aluminium case and USB-C.'],
      ['Monitor Stand', 6900, 22, 'Walnut riser with room for a keyboard underneath.'],
      ['Cable Organiser Kit', 1900, 80, 'Clips, sleeves and ties to tame the cable jungle.'],
      ['Notebook Set (3 pack)', 1500, 120, 'Dot-grid notebooks with lay-flat binding and 120 g paper.'],
      ['Wireless Charging Pad', 3500, 33, 'Charges phones and earbuds through cases up to 5 mm.'],
      ['Noise-Cancelling Headphones', 24900, 9, 'Adaptive noise cancelling with 30 hours of battery life.'],
      ['Whiteboard 90 × 60 cm', 7900, 3, 'Magnetic enamel whiteboard with a slim aluminium frame.'],
    ],
  },
  {
    name: 'Outdoors',
    description: 'Gear for hikes, camping and long days outside.',
    colors: ['#15803d', '#bbf7d0'],
    products: [
      ['Ultralight Tent 2P', 34900, 6, 'A two-person tent under 1.2 kg with a full-coverage fly.'],
      ['Trail Running Shoes', 13900, 20, 'Grippy lugs, rock plate and a breathable upper.'],
      ['Insulated Water Bottle 750 ml', 2900, 90, 'Keeps drinks cold for 24 hours or hot for 12.'],
      ['Merino Hiking Socks', 1900, 0, 'Cushioned merino wool socks that stay fresh for days.'],
      ['Headlamp 400 lm', 4500, 28, 'Rechargeable, with red light and a lock mode for your pack.'],
      ['Camping Stove', 6900, 11, 'Compact canister stove that boils a litre in three minutes.'],
      ['Down Sleeping Bag', 27900, 2, 'Rated to −5 °C with responsibly sourced down.'],
      ['Trekking Poles (pair)', 8900, 14, 'Carbon poles with cork grips and quick-lock adjustment.'],
      ['Dry Bag 20 L', 2400, 45, 'Roll-top waterproof bag for kayaks, boats and rainy hikes.'],
      ['Camp Chair', 5900, 0, 'Packs small, sets up in seconds and holds up to 120 kg.'],
      ['First Aid Kit', 3200, 37, 'A compact kit for cuts, blisters and sprains on the trail.'],
    ],
  },
  {
    name: 'Audio',
    description: 'Speakers, headphones and turntables.',
    colors: ['#be123c', '#fecdd3'],
    products: [
      ['Bookshelf Speakers (pair)', 39900, 5, 'Powered speakers with Bluetooth, optical input and a warm sound.'],
      ['Turntable', 29900, 3, 'Belt-drive turntable with a built-in phono preamp.'],
      ['Wireless Earbuds', 12900, 40, 'Noise-cancelling earbuds with 8 hours of play time.'],
      ['Portable Speaker', 7900, 26, 'Waterproof speaker that floats and plays for 15 hours.'],
      ['Studio Headphones', 15900, 0, 'Closed-back headphones with a flat, honest sound.'],
      ['Vinyl Cleaning Kit', 2900, 55, 'Brush, fluid and cloth to keep records crackle-free.'],
      ['Soundbar', 34900, 8, 'Slim soundbar with clear dialogue and a wireless subwoofer.'],
      ['USB Microphone', 11900, 13, 'Cardioid condenser microphone for podcasts and calls.'],
      ['Headphone Stand', 2900, 70, 'Weighted aluminium stand with a cable hook.'],
      ['DAC & Headphone Amp', 18900, 1, 'Hi-res USB DAC that drives demanding headphones.'],
      ['Speaker Stands (pair)', 9900, 6, 'Steel stands that lift speakers to ear height.'],
    ],
  },
  {
    name: 'Apparel',
    description: 'Everyday clothes made to last.',
    colors: ['#0f766e', '#99f6e4'],
    products: [
      [
        'Organic Cotton T-shirt',
        2900,
        150,
        'Heavyweight organic cotton tee with a relaxed fit.',
        [SIZES, { name: 'Colour', values: ['White', 'Navy', 'Sage'] }],
      ],
      ['Merino Crew Sweater', 9900, 24, 'Fine merino wool that is warm, light and never itchy.', [SIZES]],
      ['Waxed Canvas Jacket', 22900, 7, 'Water-resistant waxed canvas with a corduroy collar.'],
      [
        'Selvedge Denim Jeans',
        14900,
        0,
        'Raw selvedge denim that fades to fit you.',
        [{ name: 'Waist', values: ['30', '32', '34', '36'] }],
      ],
      ['Wool Beanie', 3400, 65, 'Ribbed wool beanie in a classic fisherman fit.'],
      [
        'Linen Shirt',
        7900,
        19,
        'Breathable linen shirt for warm days.',
        [SIZES, { name: 'Colour', values: ['White', 'Sky'] }],
      ],
      ['Leather Belt', 5900, 31, 'Vegetable-tanned leather with a solid brass buckle.'],
      ['Rain Shell', 17900, 10, 'Three-layer waterproof shell that packs into its pocket.'],
      [
        'Canvas Sneakers',
        8900,
        0,
        'Vulcanised canvas sneakers with a cushioned insole.',
        [{ name: 'Size', values: ['40', '41', '42', '43', '44'] }],
      ],
      ['Cashmere Scarf', 12900, 4, 'Soft cashmere scarf woven in Scotland.'],
      ['Everyday Socks (3 pack)', 1600, 200, 'Combed cotton socks with a reinforced heel.'],
    ],
  },
  {
    name: 'Books',
    description: 'Cookbooks, field guides and good reads.',
    colors: ['#7c3aed', '#ddd6fe'],
    products: [
      ['The Slow Kitchen', 3200, 22, 'A cookbook of unhurried recipes for weekends and friends.'],
      ['Field Guide to Mushrooms', 2800, 15, 'Identify 300 species with photos and clear keys.'],
      ['Designing Calm Workspaces', 3600, 0, 'How light, sound and order shape our best work.'],
      ['A Year of Trails', 4200, 9, 'Fifty-two walks, one for every week of the year.'],
      ['Coffee: From Bean to Cup', 2900, 27, 'Everything about growing, roasting and brewing coffee.'],
      ['The Record Collector', 2500, 12, 'Stories of rare records and the people who hunt them.'],
      ['Mending Clothes', 2200, 33, 'Visible and invisible mending, step by step.'],
      ['Night Sky Atlas', 3900, 6, 'Star charts and seasonal guides for backyard astronomers.'],
      ['Bread Every Day', 3400, 18, 'Sourdough and yeasted breads for a home oven.'],
      ['Minimal Wardrobe', 2400, 0, 'Build a wardrobe of fewer, better things.'],
      ['Sound & Silence', 2700, 20, 'Essays on listening in a noisy world.'],
    ],
  },
];

/**
 * A demo product's variants: one per combination, at the product's price plus any surcharge, the stock spread over
 * all but the last combination, which is sold out (so the demo shows an unavailable choice).
 */
export function demoVariants(
  skuStem: string,
  price: number,
  stock: number,
  options: readonly { name: string; values: string[] }[],
): TProductVariantsInput {
  const combinations = variantMatrix(options);
  const selling = Math.max(combinations.length - 1, 1);
  return {
    options: options.map((option) => ({ name: option.name, values: [...option.values] })),
    variants: combinations.map((optionValues, index) => ({
      sku: `${skuStem}-${optionValues.join('-')}`.toUpperCase(),
      barcode: null,
      optionValues,
      price: price + Math.max(0, ...optionValues.map((value) => DEMO_SURCHARGES[value] ?? 0)),
      compareAtPrice: null,
      stock: index < selling ? Math.floor(stock / selling) + (index < stock % selling ? 1 : 0) : 0,
      imageIds: [],
      active: true,
    })),
  };
}
