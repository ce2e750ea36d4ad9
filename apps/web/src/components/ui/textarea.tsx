import type { ComponentPropsWithRef } from 'react';
import { controlClasses, Field, type FieldOwnProps } from './field.js';
import { useFieldIds } from './use-field-ids.js';

export interface TextareaProps extends ComponentPropsWithRef<'textarea'>, FieldOwnProps {}

/** Labelled multi-line input; same wiring as Input. */
export function Textarea({
  id,
  label,
  hint,
  error,
  hideLabel,
  containerClassName,
  className,
  required,
  rows = 4,
  ...rest
}: TextareaProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  return (
    <Field {...{ ids, label, hint, error, hideLabel, required }} className={containerClassName}>
      <textarea
        {...rest}
        id={ids.inputId}
        rows={rows}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={controlClasses(Boolean(error), `py-2 ${className ?? ''}`)}
      />
    </Field>
  );
}
