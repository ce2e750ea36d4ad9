import multipart from '@fastify/multipart';
import { ZCatalogExportQuerySchema, ZCatalogImportQuerySchema, ZCatalogImportReportSchema } from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../lib/app-error.js';
import { actorOf } from '../../audit/actor.js';
import type { CatalogExport } from './export-service.js';
import type { CatalogImport } from './import-service.js';

/** 10,000 variants in Shopify's layout are about 4 MB; 50 MB leaves room for long descriptions. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 'A catalogue file must be 50 MB or smaller; split it.');

/** Catalogue CSV import (multipart field "file", dry run unless `dryRun=false`) and export (the admin check is global). */
export function catalogCsvRoutes(importer: CatalogImport, exporter: CatalogExport): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2, parts: 3 } });
    app.post(
      '/api/admin/catalog/import',
      {
        schema: {
          tags: ['admin'],
          security: [{ bearerAuth: [] }],
          summary:
            'Import products from a CSV (ours or Shopify’s, multipart field "file"): a dry run with a per-row report unless dryRun=false',
          consumes: ['multipart/form-data'],
          querystring: ZCatalogImportQuerySchema,
          response: { 200: ZCatalogImportReportSchema },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV as multipart/form-data with a "file" field.');
        const actor = await actorOf(app, request);
        const file = await request.file();
        if (!file || file.fieldname !== 'file')
          throw new AppError('VALIDATION_FAILED', 'A "file" field is required.', {
            errors: [{ path: 'body.file', message: 'is required' }],
          });
        // The parser reads the part as it arrives; a file cut at the size limit would read as a shorter catalogue,
        // so it is refused before anything is planned or written.
        const assertWhole = () => {
          if (file.file.truncated) throw tooLarge();
        };
        return importer.run(file.file, { dryRun: request.query.dryRun, actor, assertWhole }).catch((error: unknown) => {
          assertWhole();
          throw error;
        });
      },
    );
    app.get(
      '/api/admin/catalog/export',
      {
        schema: {
          tags: ['admin'],
          security: [{ bearerAuth: [] }],
          summary: 'Download the catalogue as CSV (format=mercato, the default, or shopify), one row per variant',
          querystring: ZCatalogExportQuerySchema,
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="catalogue-${format}-${day}.csv"`)
          .header('cache-control', 'no-store')
          .send(await exporter.stream(format));
      },
    );
  };
}
