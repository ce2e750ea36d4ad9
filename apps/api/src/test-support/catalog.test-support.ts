import sharp from 'sharp';
import { request, type TestApp } from './harness.test-support.js';

/** A plain image of one colour, made in memory (a real encoder's output, not a fixture file). */
function solidImage(width: number, height: number, color: string) {
  return sharp({ create: { width, height, channels: 3, background: color } });
}

/** A real PNG of the given size, made in memory. */
export function pngImage(width = 800, height = 600, color = '#3366cc'): Promise<Buffer> {
  return solidImage(width, height, color).png().toBuffer();
}

/** A real baseline JPEG, made in memory. */
export function jpegImage(width = 800, height = 600, color = '#cc6633'): Promise<Buffer> {
  return solidImage(width, height, color).jpeg({ quality: 85 }).toBuffer();
}

/** A real (lossy) WebP, made in memory. */
export function webpImage(width = 800, height = 600, color = '#33aa66'): Promise<Buffer> {
  return solidImage(width, height, color).webp({ quality: 80 }).toBuffer();
}

/**
 * A JPEG stored sideways, as phone cameras write them: the pixels are 400×200 with the left half red and the right
 * half blue, and EXIF orientation 6 says "rotate 90° clockwise to display". Shown upright it is 200×400, red on
 * top and blue below.
 */
export async function sidewaysJpeg(): Promise<Buffer> {
  const blue = await pngImage(200, 200, '#0000ff');
  return solidImage(400, 200, '#ff0000')
    .composite([{ input: blue, left: 200, top: 0 }])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** The RGB colour of one pixel of an encoded image. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [data[offset] ?? -1, data[offset + 1] ?? -1, data[offset + 2] ?? -1];
}

export async function uploadImage(
  ctx: TestApp,
  token: string,
  data: Buffer,
  filename = 'photo.png',
  type = 'image/png',
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), filename);
  const response = await fetch(`${ctx.url}/api/admin/images`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function createCategory(ctx: TestApp, token: string, body: Record<string, unknown>) {
  const response = await request(ctx.url, 'POST', '/api/admin/categories', { token, body });
  if (response.status !== 201) throw new Error(`category: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; slug: string; name: string };
}

export async function createProduct(ctx: TestApp, token: string, body: Record<string, unknown>) {
  const response = await request(ctx.url, 'POST', '/api/admin/products', {
    token,
    body: { price: 1000, stock: 10, ...body },
  });
  if (response.status !== 201) throw new Error(`product: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; slug: string; name: string; price: number };
}

/**
 * A product named `name` with Size × Colour variants for the given combinations, each at `price`; the `inactive`
 * combinations exist but are not on sale. `extra` goes into the product's creation (a category, say).
 */
export async function createSizedProduct(
  ctx: TestApp,
  token: string,
  spec: {
    name: string;
    combinations: [string, string][];
    inactive?: [string, string][];
    price?: number;
    extra?: Record<string, unknown>;
  },
) {
  const { name, combinations, inactive = [], price = 1500 } = spec;
  const product = await createProduct(ctx, token, { name, price, stock: 0, ...spec.extra });
  const all = [...combinations, ...inactive];
  const saved = await request(ctx.url, 'PUT', `/api/admin/products/${product.id}/variants`, {
    token,
    body: {
      options: [
        { name: 'Size', values: [...new Set(all.map(([size]) => size))] },
        { name: 'Colour', values: [...new Set(all.map(([, colour]) => colour))] },
      ],
      variants: all.map(([size, colour], index) => ({
        sku: `${name}-${size}-${colour}`.toUpperCase().replace(/[^A-Z0-9-]/g, '-'),
        optionValues: [size, colour],
        price,
        stock: 5,
        active: index < combinations.length,
      })),
    },
  });
  if (saved.status !== 200) throw new Error(`variants: ${saved.status} ${JSON.stringify(saved.body)}`);
  return saved.body as { id: string; slug: string; variants: { id: string; optionValues: string[] }[] };
}
