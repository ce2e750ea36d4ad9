import type { ComponentPropsWithRef } from 'react';
import { controlClasses, Field, type FieldOwnProps } from './field.js';
import { useFieldIds } from './use-field-ids.js';

export interface InputProps extends Omit<ComponentPropsWithRef<'input'>, 'size'>, FieldOwnProps {}

/** Labelled text input. Spread react-hook-form's `register('name')` into it; `ref` is forwarded. */
export function Input({
  id,
  label,
  hint,
  error,
  hideLabel,
  containerClassName,
  className,
  required,
  ...rest
}: InputProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  return (
    <Field {...{ ids, label, hint, error, hideLabel, required }} className={containerClassName}>
      <input
        {...rest}
        id={ids.inputId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={controlClasses(Boolean(error), `h-10 ${className ?? ''}`)}
      />
    </Field>
  );
}
