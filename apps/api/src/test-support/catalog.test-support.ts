import sharp from 'sharp';
import { request, type TestApp } from './harness.test-support.js';

/** A real PNG of the given size, made in memory. */
export function pngImage(width = 800, height = 600, color = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();
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
