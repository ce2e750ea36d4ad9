import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../lib/app-error.js';

export const VARIANT_WIDTHS = [320, 640, 1280] as const;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
const MAX_PIXELS = 40_000_000;

export interface ProcessedImage {
  hash: string;
  width: number;
  height: number;
  sourceFormat: string;
  bytes: number;
  variants: { width: number; height: number; data: Buffer }[];
}

/**
 * Checks that the bytes really are a JPEG, PNG or WebP (by decoding them, not by trusting the file name or the
 * declared type) and renders WebP variants at standard widths, never upscaling. Orientation from EXIF is
 * applied and metadata (including location) is stripped.
 */
export async function processImage(data: Buffer): Promise<ProcessedImage> {
  if (data.length > MAX_IMAGE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'Images must be 10 MB or smaller.');
  let metadata: Metadata;
  try {
    metadata = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw invalidImage('The file is not a readable image.');
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format)) {
    throw invalidImage(
      `Only JPEG, PNG and WebP images are accepted${metadata.format ? ` (got ${metadata.format})` : ''}.`,
    );
  }
  const oriented = await sharp(data, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw invalidImage('The image data is damaged.');
    });
  const { width, height } = oriented.info;
  const widths = [...new Set(VARIANT_WIDTHS.map((target) => Math.min(target, width)))];
  const variants = await Promise.all(
    widths.map(async (target) => {
      const rendered = await sharp(oriented.data)
        .resize({ width: target, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      return { width: rendered.info.width, height: rendered.info.height, data: rendered.data };
    }),
  );
  return {
    hash: createHash('sha256').update(data).digest('hex').slice(0, 32),
    width,
    height,
    sourceFormat: metadata.format,
    bytes: data.length,
    variants,
  };
}

function invalidImage(detail: string): AppError {
  return new AppError('INVALID_IMAGE', detail, { errors: [{ path: 'body.file', message: detail }] });
}
