import type { Actor, AuditLog } from '../audit/repo.js';
import { embedImage, toImage } from './dto.js';
import { processImage } from './image-processing.js';
import type { ImagesRepo } from './images-repo.js';

/**
 * Image uploads. Assets are content-addressed and immutable, so an upload is the only image change there is:
 * reordering or removing a product's images is a product update (audited as such, with the images before and
 * after), and assets are never deleted (orders and other products may still show them).
 */
export function createAdminImages(deps: { images: ImagesRepo; audit: AuditLog }) {
  const { images, audit } = deps;
  return {
    /** Checks, renders and stores an uploaded image; an identical earlier upload is returned as is. */
    async upload(data: Buffer, actor: Actor) {
      const asset = await images.save(await processImage(data));
      await audit.record({
        actor,
        action: 'image.upload',
        entity: { type: 'image', id: asset._id.toHexString() },
        before: null,
        after: {
          hash: asset.hash,
          width: asset.width,
          height: asset.height,
          sourceFormat: asset.sourceFormat,
          bytes: asset.bytes,
          widths: asset.variants.map((variant) => variant.width),
        },
      });
      return { ...toImage(embedImage(asset, '')), bytes: asset.bytes, createdAt: asset.createdAt.toISOString() };
    },
  };
}

export type AdminImages = ReturnType<typeof createAdminImages>;
