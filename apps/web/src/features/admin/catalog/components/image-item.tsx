import type { DragEvent } from 'react';
import { useFormContext } from 'react-hook-form';
import { Button } from '../../../../components/ui/button.js';
import { Input } from '../../../../components/ui/input.js';
import { cn } from '../../../../lib/cn.js';
import type { FormImage, ProductFormValues } from '../lib/product-form.js';

export interface ImageItemProps {
  image: FormImage;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
  /** Drag-to-reorder: the index being dragged (or null) and its setter. */
  dragIndex: number | null;
  onDragIndex: (index: number | null) => void;
}

/** One product image: preview, alt text, move up/down (or drag), remove. The first one is the cover. */
export function ImageItem({ image, index, count, onMove, onRemove, dragIndex, onDragIndex }: ImageItemProps) {
  const { register, formState } = useFormContext<ProductFormValues>();
  const position = `image ${index + 1} of ${count}`;

  function handleDrop(event: DragEvent<HTMLLIElement>) {
    if (dragIndex === null) return;
    event.preventDefault();
    if (dragIndex !== index) onMove(dragIndex, index);
    onDragIndex(null);
  }

  return (
    <li
      onDragOver={(event) => {
        if (dragIndex !== null) event.preventDefault();
      }}
      onDrop={handleDrop}
      className={cn(
        'flex flex-col gap-3 rounded-md border bg-white p-3 sm:flex-row sm:items-start',
        dragIndex === index ? 'border-brand-600 opacity-60' : 'border-slate-200',
      )}
    >
      {/* Only the picture is the drag handle, so selecting alt text with the mouse does not start a drag. */}
      <div
        draggable
        onDragStart={(event) => {
          event.dataTransfer.effectAllowed = 'move';
          event.dataTransfer.setData('text/plain', String(index));
          onDragIndex(index);
        }}
        onDragEnd={() => onDragIndex(null)}
        className="relative shrink-0 cursor-grab"
      >
        <img
          src={image.src}
          srcSet={image.srcset}
          sizes="96px"
          width={image.width}
          height={image.height}
          alt=""
          className="size-24 rounded object-cover"
        />
        {index === 0 && (
          <span className="absolute bottom-1 left-1 rounded bg-slate-900/80 px-1.5 text-xs text-white">Cover</span>
        )}
      </div>
      <Input
        label={`Alt text for ${position}`}
        hint="Describe the photo for people who cannot see it."
        {...register(`images.${index}.alt`)}
        error={formState.errors.images?.[index]?.alt?.message}
        containerClassName="flex-1"
      />
      <div className="flex gap-1 sm:flex-col">
        <Button
          size="sm"
          variant="secondary"
          aria-label={`Move up ${position}`}
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
        >
          Move up
        </Button>
        <Button
          size="sm"
          variant="secondary"
          aria-label={`Move down ${position}`}
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
        >
          Move down
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Remove ${position}`} onClick={() => onRemove(index)}>
          Remove
        </Button>
      </div>
    </li>
  );
}
