import type { TImage } from '@mercato/shared';
import { cn } from '../../../lib/cn.js';

export interface ProductImageProps {
  image: TImage | null;
  /** Which width the image occupies at each breakpoint, so the browser picks the right srcset entry. */
  sizes: string;
  /** Empty for images next to a text link with the same target (cards); the image's own alt otherwise. */
  alt?: string;
  /** The first image a page shows (above the fold) loads eagerly and with priority; the rest lazily. */
  isPriority?: boolean;
  className?: string;
}

/**
 * A product photo filling its (aspect-ratio sized) box. width/height and srcset/sizes come from the API, so the
 * space is reserved before the file arrives (no layout shift) and phones download the small rendition.
 */
export function ProductImage({ image, sizes, alt, isPriority = false, className }: ProductImageProps) {
  if (!image) {
    return (
      <div aria-hidden="true" className={cn('flex items-center justify-center bg-slate-100 text-slate-400', className)}>
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.5} className="size-1/4">
          <rect x="3" y="4" width="18" height="16" rx="2" />
          <circle cx="9" cy="10" r="2" />
          <path d="m21 17-5-5-9 8" />
        </svg>
      </div>
    );
  }
  return (
    <img
      src={image.src}
      srcSet={image.srcset}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={alt ?? image.alt}
      loading={isPriority ? 'eager' : 'lazy'}
      fetchPriority={isPriority ? 'high' : 'auto'}
      decoding="async"
      className={cn('bg-slate-100 object-cover', className)}
    />
  );
}
