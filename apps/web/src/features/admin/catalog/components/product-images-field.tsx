import { useCallback, useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import type { TUploadedImage } from '../api/upload-image.js';
import { useImageUploads } from '../hooks/use-image-uploads.js';
import type { ProductFormValues } from '../lib/product-form.js';
import { ImageDropzone } from './image-dropzone.js';
import { ImageItem } from './image-item.js';
import { UploadItem } from './upload-item.js';

/**
 * The product's ordered images: upload (drop or pick) with previews and progress, alt text each, reorder by
 * buttons or dragging, remove. Changes are saved with the form (PATCH `images` replaces the ordered list).
 */
export function ProductImagesField() {
  const { control, formState } = useFormContext<ProductFormValues>();
  const images = useFieldArray({ control, name: 'images' });
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [rejections, setRejections] = useState<string[]>([]);
  const { append } = images;
  const onUploaded = useCallback(
    (image: TUploadedImage, fileName: string) => {
      append({
        imageId: image.id,
        alt: '',
        src: image.src,
        srcset: image.srcset,
        width: image.width,
        height: image.height,
      });
      setAnnouncement(`${fileName} uploaded.`);
    },
    [append],
  );
  const uploads = useImageUploads(onUploaded);

  function move(from: number, to: number) {
    images.move(from, to);
    setAnnouncement(`Image moved to position ${to + 1} of ${images.fields.length}.`);
  }

  function remove(index: number) {
    images.remove(index);
    setAnnouncement(`Image ${index + 1} removed.`);
  }

  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="mb-2 text-base font-semibold text-slate-900">Images</legend>
      <ImageDropzone onFiles={(files) => setRejections(uploads.start(files))} />
      {rejections.length > 0 && (
        <ul role="alert" className="flex flex-col gap-1 text-sm font-medium text-red-700">
          {rejections.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {formState.errors.images?.message && (
        <p className="text-sm font-medium text-red-700">{formState.errors.images.message}</p>
      )}
      {uploads.uploads.length > 0 && (
        <ul aria-label="Uploads in progress" className="flex flex-col gap-2">
          {uploads.uploads.map((upload) => (
            <UploadItem key={upload.key} upload={upload} onDismiss={uploads.dismiss} />
          ))}
        </ul>
      )}
      {images.fields.length > 0 && (
        <ol aria-label="Product images, in display order" className="flex flex-col gap-2">
          {images.fields.map((field, index) => (
            <ImageItem
              key={field.id}
              image={field}
              index={index}
              count={images.fields.length}
              onMove={move}
              onRemove={remove}
              dragIndex={dragIndex}
              onDragIndex={setDragIndex}
            />
          ))}
        </ol>
      )}
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </fieldset>
  );
}
