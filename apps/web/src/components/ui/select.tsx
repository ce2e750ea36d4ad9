import type { ComponentPropsWithRef } from 'react';
import { controlClasses, Field, type FieldOwnProps } from './field.js';
import { useFieldIds } from './use-field-ids.js';

export interface SelectProps extends ComponentPropsWithRef<'select'>, FieldOwnProps {
  /** First, empty option shown while nothing is chosen (e.g. "Choose a category"). */
  placeholder?: string;
}

/** Labelled native select: children are `<option>`s. Native keeps keyboard and mobile pickers for free. */
export function Select({
  id,
  label,
  hint,
  error,
  hideLabel,
  containerClassName,
  className,
  required,
  placeholder,
  children,
  ...rest
}: SelectProps) {
  const ids = useFieldIds(id, Boolean(hint), Boolean(error));
  return (
    <Field {...{ ids, label, hint, error, hideLabel, required }} className={containerClassName}>
      <select
        {...rest}
        id={ids.inputId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        className={controlClasses(Boolean(error), `h-10 pr-8 ${className ?? ''}`)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {children}
      </select>
    </Field>
  );
}
