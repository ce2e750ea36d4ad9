/**
 * Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@` (or a tab or carriage return) is run as a
 * formula when a merchant opens the export in Excel or Sheets, so a product named `=HYPERLINK(…)` by anyone who
 * could write one would act in the merchant's spreadsheet. The export prefixes such cells with an apostrophe (the
 * spreadsheet convention for "this is text"), and the import takes that apostrophe off again, so a round trip keeps
 * a name like "-20% linen" exactly.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as written to a file a spreadsheet may open. */
export const guardCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** The cell as it was before `guardCell`. */
export const unguardCell = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
