import { useRef, useState, type DragEvent } from 'react';
import { Button } from '../../../../components/ui/button.js';
import { cn } from '../../../../lib/cn.js';
import { ACCEPTED_IMAGE_TYPES } from '../lib/image-file-check.js';

export interface ImageDropzoneProps {
  onFiles: (files: File[]) => void;
  /** "Drop images here" vs "Drop an image here". */
  isMultiple?: boolean;
  isDisabled?: boolean;
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/**
 * Drop files here, or press the button to pick them (keyboard and touch users never need to drag). Only file drags
 * are accepted, so reordering images by dragging never lands here by accident.
 */
export function ImageDropzone({ onFiles, isMultiple = true, isDisabled = false }: ImageDropzoneProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [isOver, setIsOver] = useState(false);

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setIsOver(false);
    if (!isDisabled) onFiles(Array.from(event.dataTransfer.files));
  }

  return (
    <div
      data-testid="image-dropzone"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={handleDrop}
      className={cn(
        'flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-4 py-8 text-center text-sm',
        isOver ? 'border-brand-600 bg-brand-50' : 'border-slate-400 bg-white',
      )}
    >
      <p className="text-slate-700">{isMultiple ? 'Drag images here, or' : 'Drag an image here, or'}</p>
      <Button variant="secondary" onClick={() => inputRef.current?.click()} disabled={isDisabled}>
        {isMultiple ? 'Choose images' : 'Choose an image'}
      </Button>
      <p className="text-xs text-slate-600">JPEG, PNG or WebP, up to 10 MB each.</p>
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPTED_IMAGE_TYPES.join(',')}
        multiple={isMultiple}
        hidden
        aria-label={isMultiple ? 'Upload images' : 'Upload an image'}
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          event.target.value = ''; // choosing the same file again still triggers a change
        }}
      />
    </div>
  );
}
