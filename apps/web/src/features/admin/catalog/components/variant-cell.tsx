import type { ReactNode } from 'react';

export const VARIANT_CELL =
  'h-9 w-full min-w-20 rounded-md border border-slate-500 px-2 text-sm aria-invalid:border-red-700';

export interface VariantCellProps {
  /** Accessible name, e.g. "Compare-at price of S / Blue" (the column header alone does not say which row). */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The message for this cell, from the table's own checks or the API's field path. */
  error: string | undefined;
  errorId: string;
  inputMode?: 'decimal' | 'numeric';
}

/** One typed cell of the variant table with its error under it, tied by `aria-describedby`. */
export function VariantCell({ label, value, onChange, error, errorId, inputMode }: VariantCellProps) {
  return (
    <td className="p-2 align-top">
      <input
        aria-label={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        inputMode={inputMode}
        autoComplete="off"
        className={VARIANT_CELL}
      />
      <CellError id={errorId} error={error} />
    </td>
  );
}

export function CellError({ id, error }: { id: string; error: ReactNode }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {error}
    </p>
  );
}
