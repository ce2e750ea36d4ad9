import multipart from '@fastify/multipart';
import { ZUploadedImageSchema } from '@mercato/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/app-error.js';
import { actorOf } from '../audit/actor.js';
import type { AdminImages } from './admin-images-service.js';
import { MAX_IMAGE_BYTES } from './image-processing.js';

/** Admin image upload: one multipart `file` field (JPEG/PNG/WebP, ≤ 10 MB) → stored WebP renditions. */
export function adminImageRoutes(images: AdminImages): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 2, parts: 3 } });
    app.post(
      '/api/admin/images',
      {
        schema: {
          tags: ['admin'],
          security: [{ bearerAuth: [] }],
          summary: 'Upload an image (multipart field "file"); returns the stored image to reference from products',
          consumes: ['multipart/form-data'],
          response: { 201: ZUploadedImageSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data with a "file" field.');
        const file = await request.file();
        if (!file || file.fieldname !== 'file') {
          throw new AppError('VALIDATION_FAILED', 'A "file" field is required.', {
            errors: [{ path: 'body.file', message: 'is required' }],
          });
        }
        const data = await file.toBuffer().catch((error: { code?: string }) => {
          if (error.code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError('PAYLOAD_TOO_LARGE', 'Images must be 10 MB or smaller.');
          throw error;
        });
        if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'Images must be 10 MB or smaller.');
        return reply.status(201).send(await images.upload(data, await actorOf(app, request)));
      },
    );
  };
}
