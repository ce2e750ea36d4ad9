import { useState, type ComponentPropsWithRef } from 'react';
import { controlClasses, Field, type FieldOwnProps } from './field.js';
import { EyeIcon, EyeOffIcon } from './icons.js';
import { useFieldIds } from './use-field-ids.js';

export interface PasswordInputProps extends Omit<ComponentPropsWithRef<'input'>, 'size' | 'type'>, FieldOwnProps {
  /** `current-password` to sign in, `new-password` when choosing one (password managers offer to generate). */
  autoComplete: 'current-password' | 'new-password';
}

/** Labelled password input with a show/hide toggle. Spread react-hook-form's `register('name')` into it. */
export function PasswordInput({
  id,
  label,
  hint,
  error,
  hideLabel,
  containerClassName,
  className,
  required,
  ...rest
}: PasswordInputProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  const [isVisible, setIsVisible] = useState(false);
  return (
    <Field {...{ ids, label, hint, error, hideLabel, required }} className={containerClassName}>
      <div className="relative">
        <input
          {...rest}
          id={ids.inputId}
          type={isVisible ? 'text' : 'password'}
          required={required}
          autoCapitalize="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
          className={controlClasses(Boolean(error), `h-10 pr-12 ${className ?? ''}`)}
        />
        <button
          type="button"
          aria-label="Show password"
          aria-pressed={isVisible}
          aria-controls={ids.inputId}
          onClick={() => setIsVisible((visible) => !visible)}
          className="absolute inset-y-0 right-0 flex w-11 items-center justify-center rounded-r-md text-slate-600 hover:text-slate-900"
        >
          {isVisible ? <EyeOffIcon /> : <EyeIcon />}
        </button>
      </div>
    </Field>
  );
}
