import { createContext, use } from 'react';

export type TToastTone = 'info' | 'success' | 'error';

export interface ToastInput {
  title: string;
  description?: string;
  /** `error` toasts are announced assertively and stay longer. Default `info`. */
  tone?: TToastTone;
  /** Auto-dismiss delay; default 5 s (8 s for errors). */
  durationMs?: number;
}

export interface ToastApi {
  /** Shows a toast and returns its id. */
  show: (toast: ToastInput) => string;
  dismiss: (id: string) => void;
}

export const ToastContext = createContext<ToastApi | null>(null);

/** Access to toasts; needs `<ToastProvider>` above (the app providers mount it). */
export function useToast(): ToastApi {
  const api = use(ToastContext);
  if (!api) throw new Error('useToast() must be used inside <ToastProvider>');
  return api;
}
