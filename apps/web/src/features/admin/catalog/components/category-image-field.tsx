import type { TImage } from '@mercato/shared';
import { useCallback, useState } from 'react';
import { Button } from '../../../../components/ui/button.js';
import type { TUploadedImage } from '../api/upload-image.js';
import { useImageUploads } from '../hooks/use-image-uploads.js';
import { ImageDropzone } from './image-dropzone.js';
import { UploadItem } from './upload-item.js';

export interface CategoryImageFieldProps {
  image: Pick<TImage, 'id' | 'src' | 'srcset'> | null;
  onChange: (image: Pick<TImage, 'id' | 'src' | 'srcset'> | null) => void;
}

/** The category's single image: upload (drop or pick) with progress, preview, remove. */
export function CategoryImageField({ image, onChange }: CategoryImageFieldProps) {
  const [rejections, setRejections] = useState<string[]>([]);
  const onUploaded = useCallback(
    (uploaded: TUploadedImage) => onChange({ id: uploaded.id, src: uploaded.src, srcset: uploaded.srcset }),
    [onChange],
  );
  const uploads = useImageUploads(onUploaded);
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-2 text-sm font-medium text-slate-800">Image</legend>
      {image ? (
        <div className="flex items-center gap-3">
          <img src={image.src} srcSet={image.srcset} sizes="96px" alt="" className="size-24 rounded object-cover" />
          <Button variant="ghost" onClick={() => onChange(null)}>
            Remove image
          </Button>
        </div>
      ) : (
        <ImageDropzone isMultiple={false} onFiles={(files) => setRejections(uploads.start(files.slice(0, 1)))} />
      )}
      {rejections.length > 0 && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {rejections.join(' ')}
        </p>
      )}
      {uploads.uploads.length > 0 && (
        <ul className="flex flex-col gap-2">
          {uploads.uploads.map((upload) => (
            <UploadItem key={upload.key} upload={upload} onDismiss={uploads.dismiss} />
          ))}
        </ul>
      )}
    </fieldset>
  );
}
