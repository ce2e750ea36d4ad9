import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError, invalidField } from '../../../lib/app-error.js';
import { unguardCell } from './formula-guard.js';

/** A file larger than this many data rows is refused (a catalogue of 1,000 products × 100 variants is 100,000). */
export const MAX_IMPORT_ROWS = 100_000;
/** A field this long is an unclosed quote swallowing the rest of the file, not a description. */
const MAX_RECORD_CHARS = 200_000;

export interface CsvTable {
  header: string[];
  /** Data records with their spreadsheet row number (the header is row 1); blank lines are skipped, not renumbered. */
  records: { row: number; fields: string[] }[];
}

/**
 * Reads a CSV upload as it streams in: RFC 4180 quoting (fields may hold commas, quotes and line breaks), a UTF-8 BOM
 * ignored, rows of any width kept (a row with the wrong number of fields is a row error, not a file error). A file
 * the parser cannot read on (an unclosed quote) is refused whole, naming the row.
 */
export async function readCsv(input: Readable): Promise<CsvTable> {
  const parser = parse({ bom: true, relax_column_count: true, max_record_size: MAX_RECORD_CHARS });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let header: string[] | undefined;
  const records: CsvTable['records'] = [];
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row += 1;
      if (fields.length === 1 && fields[0]?.trim() === '') continue;
      if (!header) {
        header = fields;
        continue;
      }
      if (records.length >= MAX_IMPORT_ROWS)
        throw new AppError('PAYLOAD_TOO_LARGE', `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it.`);
      records.push({ row, fields: fields.map(unguardCell) });
    }
  } catch (error) {
    // The parser's own count: records still buffered for this loop when it failed are counted there.
    if (error instanceof CsvError)
      throw unreadable(error, typeof error.records === 'number' ? error.records + 1 : row + 1);
    throw error;
  }
  if (!header) throw invalidField('body.file', 'is empty (no header row)');
  return { header, records };
}

function unreadable(error: CsvError, row: number): AppError {
  const reason =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field is never closed'
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? 'a field runs on for more than 200,000 characters (an unclosed quote?)'
        : error.message;
  return new AppError('VALIDATION_FAILED', `The file cannot be read from row ${row} on: ${reason}.`, {
    errors: [{ path: `body.file.rows.${row}`, message: reason }],
  });
}
