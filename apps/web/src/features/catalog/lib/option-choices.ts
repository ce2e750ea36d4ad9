/**
 * Option choices in a URL (`?option=size:m,colour:blue`), shared by the category listing and the search page. Kept
 * as the API reads them, `Name:Value`, lower-cased by the facets that set them: the API matches without case, so a
 * shared link saying `Size:M` checks "M" too.
 */
const OPTION_CHOICE = /^[^:,]{1,40}:[^,]{1,60}$/;

/** A comma-separated parameter's distinct values that pass `keep` (malformed ones are dropped, not fatal). */
export const readList = (value: string | null, keep: (item: string) => boolean): string[] => [
  ...new Set((value ?? '').split(',').filter((item) => item && keep(item))),
];

/** The well-formed option choices of an `option` parameter. */
export const readOptionChoices = (value: string | null): string[] =>
  readList(value, (choice) => OPTION_CHOICE.test(choice));

/** Adds or removes one value of a multi-value facet. */
export function toggle(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
}
