import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/app-error.js';
import type { ImagesRepo } from './images-repo.js';

const ZMediaParamsSchema = z.strictObject({
  file: z.string().regex(/^[0-9a-f]{32}-\d{1,5}\.webp$/, 'is not a media file name'),
});

/** Serves image renditions from GridFS. Names are content-addressed, so they can be cached forever. */
export function mediaRoutes(images: ImagesRepo): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/media/:file',
      { schema: { hide: true, params: ZMediaParamsSchema }, config: { rateLimit: false } },
      async (request, reply) => {
        const file = await images.findFile(request.params.file);
        if (!file) throw notFound('Image');
        return reply
          .type('image/webp')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('content-length', String(file.length))
          .send(images.openDownload(file._id));
      },
    );
  };
}
