import type { TImage } from '@mercato/shared';
import { Button } from '../../../../components/ui/button.js';
import { Checkbox } from '../../../../components/ui/checkbox.js';
import { Dialog } from '../../../../components/ui/dialog.js';
import { toggleImageId } from '../lib/variant-table.js';

export interface VariantImagesDialogProps {
  open: boolean;
  /** The variant's title ("S / Blue"). */
  title: string;
  /** The product's images, in display order: a variant's images are chosen among them. */
  images: readonly TImage[];
  imageIds: readonly string[];
  onChange: (imageIds: string[]) => void;
  onClose: () => void;
}

/** The product's images as labelled thumbnails to tick for one variant; changes go to the row at once, like a cell. */
export function VariantImagesDialog({ open, title, images, imageIds, onChange, onClose }: VariantImagesDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Images of ${title}`}
      description="Shown first on the product page when a shopper picks this variant. With none chosen, the product's images are shown."
      footer={<Button onClick={onClose}>Done</Button>}
    >
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {images.map((image, index) => (
          <li key={image.id}>
            <Checkbox
              checked={imageIds.includes(image.id)}
              onChange={(event) => onChange(toggleImageId(imageIds, image.id, event.target.checked))}
              label={
                <span className="flex flex-col gap-1">
                  {/* The label's text names the image; the thumbnail only helps sighted staff recognise it. */}
                  <img
                    src={image.src}
                    srcSet={image.srcset}
                    sizes="96px"
                    alt=""
                    width={image.width}
                    height={image.height}
                    className="size-24 rounded-sm border border-slate-200 object-cover"
                  />
                  {image.alt || `Image ${index + 1}`}
                </span>
              }
            />
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
