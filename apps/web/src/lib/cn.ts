/** Joins class names, dropping falsy parts. No class merging: components avoid utilities that callers override. */
export function cn(...parts: ReadonlyArray<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}
