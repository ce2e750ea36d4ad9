import type { TImage } from '@mercato/shared';
import { cn } from '../../../lib/cn.js';

/** A cart line's thumbnail: fixed box (no layout shift), the small rendition from the srcset, decorative. */
export function CartLineImage({ image, className }: { image: TImage | null; className?: string }) {
  const box = cn('size-20 shrink-0 rounded-md bg-slate-100 object-cover', className);
  if (!image) return <div aria-hidden="true" className={box} />;
  return (
    <img
      src={image.src}
      srcSet={image.srcset}
      sizes="80px"
      width={image.width}
      height={image.height}
      alt=""
      loading="lazy"
      decoding="async"
      className={box}
    />
  );
}
