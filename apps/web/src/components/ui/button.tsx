import type { ComponentPropsWithRef } from 'react';
import { buttonClasses, type TButtonSize, type TButtonVariant } from './button-styles.js';
import { Spinner } from './spinner.js';

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  /** Visual weight: one `primary` action per view, `danger` for destructive ones. Default `primary`. */
  variant?: TButtonVariant;
  /** `sm` | `md` (default) | `lg`, or `icon` for a square icon-only button (give it an `aria-label`). */
  size?: TButtonSize;
  /** Shows a spinner, sets `aria-busy` and ignores clicks while an action runs. The label stays in place. */
  isLoading?: boolean;
}

/** A native button (type="button" unless told otherwise, so it never submits a form by accident). */
export function Button({
  variant,
  size,
  isLoading = false,
  disabled,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled || isLoading}
      aria-busy={isLoading || undefined}
      className={buttonClasses({ variant, size, className })}
    >
      {isLoading && <Spinner size="sm" isDecorative />}
      {children}
    </button>
  );
}
