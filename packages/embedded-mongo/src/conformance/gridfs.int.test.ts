import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { GridFSBucket, type ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let bucket: GridFSBucket;

beforeAll(async () => {
  target = await openTarget('gridfs');
  bucket = new GridFSBucket(target.db, { bucketName: 'images' });
});

afterAll(async () => {
  await target.close();
});

async function upload(name: string, data: Buffer, metadata?: Record<string, unknown>): Promise<ObjectId> {
  const stream = bucket.openUploadStream(name, { chunkSizeBytes: 64 * 1024, ...(metadata ? { metadata } : {}) });
  await new Promise<void>((resolve, reject) => {
    Readable.from([data])
      .pipe(stream)
      .on('finish', () => resolve())
      .on('error', reject);
  });
  return stream.id;
}

async function download(id: ObjectId): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(id)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('GridFS', () => {
  it('when a 1 MB file is uploaded and downloaded, then the bytes round-trip exactly', async () => {
    const data = randomBytes(1024 * 1024 + 123);
    const id = await upload('photo.jpg', data, { product: 'mug' });
    const back = await download(id);
    expect(back.equals(data)).toBe(true);
  });

  it('when a file is uploaded, then its files document and chunk index exist', async () => {
    const id = await upload('small.png', Buffer.from('tiny'));
    const [file] = await bucket.find({ _id: id }).toArray();
    expect(file).toMatchObject({ filename: 'small.png', length: 4 });
    const chunkIndexes = await target.db.collection<Row>('images.chunks').listIndexes().toArray();
    expect(chunkIndexes.some((i) => i.unique === true && i.key.files_id === 1 && i.key.n === 1)).toBe(true);
  });

  it('when downloading by name, then the latest revision is returned', async () => {
    await upload('logo.svg', Buffer.from('v1'));
    await upload('logo.svg', Buffer.from('v2'));
    const chunks: Buffer[] = [];
    for await (const chunk of bucket.openDownloadStreamByName('logo.svg')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('v2');
  });

  it('when a file is renamed, then it is found under the new name', async () => {
    const id = await upload('old-name.txt', Buffer.from('x'));
    await bucket.rename(id, 'new-name.txt');
    expect(await bucket.find({ filename: 'new-name.txt' }).toArray()).toHaveLength(1);
  });

  it('when a file is deleted, then its metadata and chunks are gone', async () => {
    const id = await upload('gone.bin', randomBytes(200 * 1024));
    await bucket.delete(id);
    expect(await bucket.find({ _id: id }).toArray()).toEqual([]);
    expect(await target.db.collection<Row>('images.chunks').countDocuments({ files_id: id })).toBe(0);
    await expect(download(id)).rejects.toThrow();
  });
});
