import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadImage, type TUploadedImage } from '../api/upload-image.js';
import { checkImageFile } from '../lib/image-file-check.js';

export interface PendingUpload {
  key: string;
  fileName: string;
  /** A local object URL so the image shows before the server has it. */
  previewUrl: string;
  /** 0 … 1 */
  progress: number;
  error: string | null;
}

let nextKey = 0;

/**
 * Uploads files one request each, tracking progress and failures per file. `onUploaded` receives each stored image
 * as it arrives; rejected files (wrong type, too big) are reported through `onRejected` without a request.
 */
export function useImageUploads(onUploaded: (image: TUploadedImage, fileName: string) => void) {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Set<string>());
  const onUploadedRef = useRef(onUploaded);
  useEffect(() => {
    onUploadedRef.current = onUploaded;
  }, [onUploaded]);

  const patch = useCallback((key: string, change: Partial<PendingUpload>) => {
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }, []);

  const dismiss = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setUploads((current) => {
      const upload = current.find((item) => item.key === key);
      if (upload) {
        URL.revokeObjectURL(upload.previewUrl);
        previews.current.delete(upload.previewUrl);
      }
      return current.filter((item) => item.key !== key);
    });
  }, []);

  const start = useCallback(
    (files: readonly File[]): string[] => {
      const rejected: string[] = [];
      for (const file of files) {
        const problem = checkImageFile(file);
        if (problem) {
          rejected.push(problem);
          continue;
        }
        const key = `upload-${(nextKey += 1)}`;
        const previewUrl = URL.createObjectURL(file);
        previews.current.add(previewUrl);
        const controller = new AbortController();
        controllers.current.set(key, controller);
        setUploads((current) => [...current, { key, fileName: file.name, previewUrl, progress: 0, error: null }]);
        uploadImage(file, { onProgress: (progress) => patch(key, { progress }), signal: controller.signal }).then(
          (image) => {
            onUploadedRef.current(image, file.name);
            dismiss(key);
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            patch(key, { error: error instanceof Error ? error.message : 'The upload failed.' });
          },
        );
      }
      return rejected;
    },
    [dismiss, patch],
  );

  useEffect(() => {
    const urls = previews.current;
    const pending = controllers.current;
    return () => {
      for (const controller of pending.values()) controller.abort();
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, []);

  return { uploads, start, dismiss };
}
