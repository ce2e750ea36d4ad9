import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ToastContext, type ToastApi, type ToastInput } from './toast-context.js';
import { ToastViewport, type ToastItem } from './toast-viewport.js';

const MAX_VISIBLE = 4;
const DEFAULT_DURATION_MS = 5_000;
const ERROR_DURATION_MS = 8_000;

/** Holds the toasts, renders them in aria-live regions and exposes `useToast()` to everything below. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly ToastItem[]>([]);
  const timersRef = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const nextIdRef = useRef(0);

  const dismiss = useCallback((id: string) => {
    clearTimeout(timersRef.current.get(id));
    timersRef.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback(
    (input: ToastInput) => {
      nextIdRef.current += 1;
      const id = `toast-${nextIdRef.current}`;
      const tone = input.tone ?? 'info';
      const toast: ToastItem = { id, tone, title: input.title, description: input.description };
      setToasts((current) => [...current.slice(-(MAX_VISIBLE - 1)), toast]);
      const duration = input.durationMs ?? (tone === 'error' ? ERROR_DURATION_MS : DEFAULT_DURATION_MS);
      timersRef.current.set(
        id,
        setTimeout(() => dismiss(id), duration),
      );
      return id;
    },
    [dismiss],
  );

  useEffect(() => {
    const timers = timersRef.current;
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    };
  }, []);

  const api = useMemo<ToastApi>(() => ({ show, dismiss }), [show, dismiss]);
  return (
    <ToastContext value={api}>
      {children}
      <ToastViewport toasts={toasts} onDismiss={dismiss} />
    </ToastContext>
  );
}
