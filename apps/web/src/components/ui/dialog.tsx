import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import { Button } from './button.js';
import { CloseIcon } from './icons.js';

const SIZES = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-2xl' } as const;

export interface DialogProps {
  /** Controlled: the parent owns the state and flips it back in `onClose`. */
  open: boolean;
  /** Called when the user dismisses the dialog (Escape, the close button, a click on the backdrop). */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** Buttons row at the bottom (e.g. Cancel + Confirm). */
  footer?: ReactNode;
  size?: keyof typeof SIZES;
  children?: ReactNode;
}

/**
 * Modal dialog on the native `<dialog>` element: `showModal()` makes the page behind it inert (focus stays inside)
 * and Escape closes it. Focus goes back to whatever was focused before it opened.
 */
export function Dialog({ open, onClose, title, description, footer, size = 'md', children }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  function handleClose() {
    returnFocusRef.current?.focus();
    returnFocusRef.current = null;
    if (open) onClose();
  }

  function handleBackdropClick(event: MouseEvent<HTMLDialogElement>) {
    // The content wrapper fills the dialog box, so a click that lands on the <dialog> itself hit the backdrop.
    if (event.target === event.currentTarget) event.currentTarget.close();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={handleClose}
      onClick={handleBackdropClick}
      className={cn('m-auto w-[calc(100%-2rem)] rounded-lg bg-white p-0 text-slate-900 shadow-xl', SIZES[size])}
    >
      {open && (
        <div className="flex flex-col gap-4 p-6">
          <div className="flex items-start justify-between gap-4">
            <div className="flex flex-col gap-1">
              <h2 id={titleId} className="text-lg font-semibold">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="text-sm text-slate-600">
                  {description}
                </p>
              )}
            </div>
            <Button variant="ghost" size="icon" aria-label="Close dialog" onClick={() => dialogRef.current?.close()}>
              <CloseIcon />
            </Button>
          </div>
          {children}
          {footer && <div className="flex flex-wrap justify-end gap-2">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
