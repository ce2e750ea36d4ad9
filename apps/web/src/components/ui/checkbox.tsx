import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import { useFieldIds } from './use-field-ids.js';

export interface CheckboxProps extends Omit<ComponentPropsWithRef<'input'>, 'type'> {
  /** Text next to the box; clicking it toggles the box. */
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

/** Native checkbox with label, hint and error; works with react-hook-form's `register`. */
export function Checkbox({ id, label, hint, error, className, ...rest }: CheckboxProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  return (
    <div className={cn('flex items-start gap-3', className)}>
      <input
        {...rest}
        type="checkbox"
        id={ids.inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className="mt-0.5 size-4 shrink-0 accent-brand-600"
      />
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={ids.inputId} className="font-medium text-slate-800">
          {label}
        </label>
        {hint && (
          <p id={ids.hintId} className="text-slate-600">
            {hint}
          </p>
        )}
        {error && (
          <p id={ids.errorId} className="font-medium text-red-700">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
