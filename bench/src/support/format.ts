/** Requests per second with thousands separators (one decimal below 100, where it still means something). */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 100
    ? value.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })
    : Math.round(value).toLocaleString('en-US');
}

/** Milliseconds: whole above 10, one decimal below, two below 1. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return value.toFixed(2);
  return value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

/** A GitHub-flavoured markdown table; `align` marks numeric columns right-aligned. */
export function markdownTable(header: string[], rows: string[][], align: Array<'left' | 'right'> = []): string {
  const rule = header.map((_, index) => (align[index] === 'right' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A plain-text table for the terminal, columns padded to their widest cell. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0)))
      .join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
