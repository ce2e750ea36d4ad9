import { z } from 'zod';

/** The two CSV layouts the catalogue import reads (detected from the header row) and the export writes. */
export const CATALOG_CSV_FORMATS = ['mercato', 'shopify'] as const;
export type TCatalogCsvFormat = (typeof CATALOG_CSV_FORMATS)[number];

const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** An import is a dry run unless the caller says otherwise: a mistaken upload changes nothing. */
export const ZCatalogImportQuerySchema = z.strictObject({ dryRun: booleanQuery.default(true) });

export const ZCatalogExportQuerySchema = z.strictObject({ format: z.enum(CATALOG_CSV_FORMATS).default('mercato') });

/** What happened (or, in a dry run, would happen) to the product a row belongs to. */
export const CATALOG_IMPORT_RESULTS = ['created', 'updated', 'unchanged', 'error', 'skipped'] as const;
export type TCatalogImportResult = (typeof CATALOG_IMPORT_RESULTS)[number];

/** A problem or a remark about one cell: `row` counts like a spreadsheet (the header is row 1). */
const ZCellMessageSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  handle: z.string(),
  message: z.string(),
});
export type TCatalogImportMessage = z.infer<typeof ZCellMessageSchema>;

export const ZCatalogImportReportSchema = z.object({
  format: z.enum(CATALOG_CSV_FORMATS),
  dryRun: z.boolean(),
  /** Data rows read (the header not counted). */
  rows: z.number().int(),
  /** Products by result; a product with an error in any of its rows is not written at all. */
  products: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
  }),
  /** One entry per data row: the result of its product (`skipped`: another row of the product has an error). */
  items: z.array(
    z.object({
      row: z.number().int(),
      handle: z.string(),
      sku: z.string(),
      result: z.enum(CATALOG_IMPORT_RESULTS),
    }),
  ),
  errors: z.array(ZCellMessageSchema),
  /** Things imported differently from the file or not at all, without stopping the product (images not fetched). */
  notices: z.array(ZCellMessageSchema),
  /** Header columns the format does not read (Shopify's SEO and Google Shopping columns, for instance). */
  ignoredColumns: z.array(z.string()),
});
export type TCatalogImportReport = z.infer<typeof ZCatalogImportReportSchema>;
