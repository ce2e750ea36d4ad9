import type { TImage } from '@mercato/shared';
import { IMAGE_SIZES } from '@mercato/shared/constants';
import { useRef, useState, type KeyboardEvent } from 'react';
import { cn } from '../../../lib/cn.js';
import { ProductImage } from './product-image.js';

// The page head preloads the main image with the same sizes (apps/api/src/modules/seo): one file for both.
const MAIN_SIZES = IMAGE_SIZES.productMain;
const THUMB_SIZES = '80px';

/**
 * Main image with a row of thumbnail buttons. Thumbnails are real buttons (Tab, Enter/Space) and the arrow keys,
 * Home and End move between them, selecting as they go, like a toolbar.
 */
export function ProductGallery({ images, productName }: { images: readonly TImage[]; productName: string }) {
  const [selected, setSelected] = useState(0);
  const thumbsRef = useRef<HTMLUListElement>(null);
  const current = images[Math.min(selected, images.length - 1)] ?? null;

  function select(index: number, moveFocus: boolean) {
    const next = (index + images.length) % images.length;
    setSelected(next);
    if (moveFocus) thumbsRef.current?.querySelectorAll('button')[next]?.focus();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const moves: Record<string, number> = {
      ArrowRight: selected + 1,
      ArrowDown: selected + 1,
      ArrowLeft: selected - 1,
      ArrowUp: selected - 1,
      Home: 0,
      End: images.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target, true);
  }

  return (
    <div className="flex flex-col gap-4">
      <ProductImage
        image={current}
        sizes={MAIN_SIZES}
        alt={current?.alt || productName}
        isPriority
        className="aspect-square w-full rounded-xl"
      />
      {images.length > 1 && (
        <ul
          ref={thumbsRef}
          aria-label="Product images"
          onKeyDown={handleKeyDown}
          className="flex gap-3 overflow-x-auto p-1"
        >
          {images.map((image, index) => (
            <li key={image.id} className="shrink-0">
              <button
                type="button"
                onClick={() => select(index, false)}
                aria-label={`Show image ${index + 1} of ${images.length}${image.alt ? `: ${image.alt}` : ''}`}
                aria-pressed={index === selected}
                className={cn(
                  'block overflow-hidden rounded-md border-2',
                  index === selected ? 'border-brand-600' : 'border-transparent hover:border-slate-300',
                )}
              >
                <ProductImage image={image} sizes={THUMB_SIZES} alt="" className="size-16 sm:size-20" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
