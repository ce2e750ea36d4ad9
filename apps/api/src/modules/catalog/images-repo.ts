import { GridFSBucket, ObjectId, type Collection, type Db } from 'mongodb';
import type { CollectionIndexes } from '../../lib/mongo-indexes.js';
import type { ProcessedImage } from './image-processing.js';
import { IMAGE_ASSETS, MEDIA_BUCKET, type ImageAssetDoc } from './model.js';

export const imageIndexes: CollectionIndexes = {
  collection: IMAGE_ASSETS,
  indexes: [{ key: { hash: 1 }, name: 'hash_unique', unique: true }],
};

export function variantFilename(hash: string, width: number): string {
  return `${hash}-${width}.webp`;
}

/** Image assets: metadata in `image_assets`, rendered bytes in the GridFS bucket `media`. */
export function createImagesRepo(db: Db) {
  const assets: Collection<ImageAssetDoc> = db.collection<ImageAssetDoc>(IMAGE_ASSETS);
  const bucket = new GridFSBucket(db, { bucketName: MEDIA_BUCKET });
  return {
    findById: (id: ObjectId) => assets.findOne({ _id: id }),
    findByIds: (ids: ObjectId[]) => assets.find({ _id: { $in: ids } }).toArray(),
    /**
     * Stores the variants, then the asset record. Content addressing makes this idempotent: an identical upload
     * returns the existing asset, and a crash between the two steps leaves only orphan files, never a record
     * pointing at missing bytes.
     */
    async save(image: ProcessedImage): Promise<ImageAssetDoc> {
      const existing = await assets.findOne({ hash: image.hash });
      if (existing) return existing;
      const variants = [];
      for (const variant of image.variants) {
        const filename = variantFilename(image.hash, variant.width);
        // Leftovers of an interrupted earlier save of the same content are replaced, never duplicated.
        for (const stale of await bucket.find({ filename }).toArray()) await bucket.delete(stale._id);
        await new Promise<void>((resolve, reject) => {
          const upload = bucket.openUploadStream(filename, { metadata: { contentType: 'image/webp' } });
          upload.once('finish', () => resolve());
          upload.once('error', reject);
          upload.end(variant.data);
        });
        variants.push({ width: variant.width, height: variant.height, filename, bytes: variant.data.length });
      }
      const doc: ImageAssetDoc = {
        _id: new ObjectId(),
        hash: image.hash,
        width: image.width,
        height: image.height,
        sourceFormat: image.sourceFormat,
        bytes: image.bytes,
        variants,
        createdAt: new Date(),
      };
      try {
        await assets.insertOne(doc);
        return doc;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return (await assets.findOne({ hash: image.hash })) ?? doc;
        throw error;
      }
    },
    /** The stored file for a variant filename, or null. */
    findFile: (filename: string) => bucket.find({ filename }, { limit: 1 }).next(),
    openDownload: (id: ObjectId) => bucket.openDownloadStream(id),
  };
}

export type ImagesRepo = ReturnType<typeof createImagesRepo>;
