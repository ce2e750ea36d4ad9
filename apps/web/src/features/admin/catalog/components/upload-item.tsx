import { Button } from '../../../../components/ui/button.js';
import type { PendingUpload } from '../hooks/use-image-uploads.js';

/** An image on its way to the server: local preview, progress bar, or the reason it failed. */
export function UploadItem({ upload, onDismiss }: { upload: PendingUpload; onDismiss: (key: string) => void }) {
  const percent = Math.round(upload.progress * 100);
  return (
    <li className="flex items-center gap-3 rounded-md border border-slate-200 bg-white p-2">
      <img src={upload.previewUrl} alt="" className="size-16 rounded object-cover opacity-70" />
      <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <span className="truncate font-medium">{upload.fileName}</span>
        {upload.error ? (
          <span role="alert" className="text-red-700">
            {upload.error}
          </span>
        ) : (
          <progress
            max={100}
            value={percent}
            aria-label={`Uploading ${upload.fileName}`}
            className="h-2 w-full accent-brand-600"
          >
            {percent}%
          </progress>
        )}
      </div>
      <Button variant="ghost" size="sm" onClick={() => onDismiss(upload.key)}>
        {upload.error ? 'Dismiss' : 'Cancel'}
      </Button>
    </li>
  );
}
