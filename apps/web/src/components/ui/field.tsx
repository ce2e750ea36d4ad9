import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import type { FieldIds } from './use-field-ids.js';

/** Props every labelled control (Input, Textarea, Select) shares. */
export interface FieldOwnProps {
  /** Visible label (required: placeholders are not labels). */
  label: ReactNode;
  /** Help text under the control, linked with `aria-describedby`. */
  hint?: ReactNode;
  /** Error message; also sets `aria-invalid`. Pass `formState.errors.x?.message` straight in. */
  error?: string | undefined;
  /** Keeps the label for screen readers only (e.g. the header search box). */
  hideLabel?: boolean;
  /** Classes for the wrapper (label + control + messages); `className` goes to the control. */
  containerClassName?: string;
}

interface FieldProps extends Omit<FieldOwnProps, 'containerClassName'> {
  ids: FieldIds;
  required?: boolean | undefined;
  className?: string | undefined;
  children: ReactNode;
}

/** Label, control, hint and error laid out and wired together. */
export function Field({ ids, label, hint, error, hideLabel, required, className, children }: FieldProps) {
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={ids.inputId} className={cn('text-sm font-medium text-slate-800', hideLabel && 'sr-only')}>
        {label}
        {required && (
          <span aria-hidden="true" className="text-red-700">
            {' '}
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={ids.hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={ids.errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Border, padding and states shared by text-like controls. Borders are slate-500 for 3:1 non-text contrast. */
export function controlClasses(hasError: boolean, className?: string): string {
  return cn(
    'block w-full rounded-md border bg-white px-3 text-base text-slate-900 shadow-xs sm:text-sm',
    'placeholder:text-slate-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600',
    hasError ? 'border-red-700' : 'border-slate-500',
    className,
  );
}
