import { cn } from '../../lib/cn.js';
import type { TToastTone } from './toast-context.js';
import { CloseIcon } from './icons.js';

export interface ToastItem {
  id: string;
  tone: TToastTone;
  title: string;
  description: string | undefined;
}

const TONES: Record<TToastTone, string> = {
  info: 'border-l-brand-600',
  success: 'border-l-green-700',
  error: 'border-l-red-700',
};

function Toast({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: string) => void }) {
  return (
    <div
      className={cn(
        'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-md border border-l-4 border-slate-200',
        'bg-white p-4 text-sm shadow-lg',
        TONES[toast.tone],
      )}
    >
      <div className="flex flex-1 flex-col gap-1">
        <p className="font-semibold text-slate-900">{toast.title}</p>
        {toast.description && <p className="text-slate-700">{toast.description}</p>}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        aria-label="Dismiss notification"
        className="rounded p-0.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}

/**
 * Two live regions that exist before any toast does (screen readers only announce changes to regions already in
 * the page): polite for info/success, assertive for errors.
 */
export function ToastViewport({
  toasts,
  onDismiss,
}: {
  toasts: readonly ToastItem[];
  onDismiss: (id: string) => void;
}) {
  const layout = 'flex flex-col items-center gap-2 sm:items-end';
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col gap-2 p-4">
      <div role="status" aria-live="polite" className={layout}>
        {toasts
          .filter((toast) => toast.tone !== 'error')
          .map((toast) => (
            <Toast key={toast.id} toast={toast} onDismiss={onDismiss} />
          ))}
      </div>
      <div role="alert" aria-live="assertive" className={layout}>
        {toasts
          .filter((toast) => toast.tone === 'error')
          .map((toast) => (
            <Toast key={toast.id} toast={toast} onDismiss={onDismiss} />
          ))}
      </div>
    </div>
  );
}
