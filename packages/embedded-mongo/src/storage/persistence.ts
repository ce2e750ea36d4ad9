import { open, readFile, readdir, rename, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateObjectSize } from 'bson';
import type { Doc } from '../bson/values.js';
import type { Logger } from '../logger.js';
import type { Catalog } from './catalog.js';
import { ID_INDEX_INFO } from './index-spec.js';
import { decodeRecords, encodeRecord, type JournalOp } from './journal-format.js';
import { applyJournalOp } from './replay.js';
import { journalFileName } from './journal-writer.js';
import { syncDirectory } from './sync-directory.js';

const SNAPSHOT = 'snapshot.bson';
const SNAPSHOT_TMP = 'snapshot.tmp';
const FORMAT_VERSION = 1;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Journal numbers present in a data directory, ascending. */
async function listJournals(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names
    .map((name) => /^journal-(\d+)\.log$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Rebuilds the catalog from the snapshot and the journals after it. A torn or corrupt tail of the last journal (the
 * record being written when the process died, never acknowledged) is cut off. Returns the last journal number.
 */
export async function recoverCatalog(dir: string, catalog: Catalog, logger: Logger): Promise<number> {
  await unlink(join(dir, SNAPSHOT_TMP)).catch(() => undefined);
  let firstJournal = 1;
  const snapshot = await readFile(join(dir, SNAPSHOT)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (snapshot) {
    const decoded = decodeRecords(snapshot);
    if (decoded.problem) throw new Error(`the snapshot in ${dir} is corrupt (${decoded.problem}); refusing to start`);
    const header = decoded.records[0]?.[0];
    if (header?.o !== 'h') throw new Error(`the snapshot in ${dir} has no header; refusing to start`);
    firstJournal = header.seq;
    for (const record of decoded.records) for (const op of record) applyJournalOp(catalog, op);
  }
  const journals = (await listJournals(dir)).filter((n) => n >= firstJournal);
  let replayed = 0;
  for (const [i, seq] of journals.entries()) {
    const path = join(dir, journalFileName(seq));
    const buffer = await readFile(path);
    const decoded = decodeRecords(buffer);
    for (const record of decoded.records) for (const op of record) applyJournalOp(catalog, op);
    replayed += decoded.records.length;
    if (decoded.problem) {
      const isLast = i === journals.length - 1;
      const lost = buffer.length - decoded.validLength;
      if (isLast) {
        logger.warn(`journal ${path}: dropping a torn final record (${decoded.problem}, ${lost} bytes)`);
        await truncate(path, decoded.validLength);
      } else {
        logger.error(`journal ${path}: ${decoded.problem} after ${decoded.validLength} bytes; ${lost} bytes skipped`);
      }
    }
  }
  if (snapshot || replayed > 0) {
    logger.info(`recovered ${catalog.all().length} collections (${replayed} journal records replayed)`);
  }
  return journals.length > 0 ? (journals[journals.length - 1] as number) : firstJournal - 1;
}

/** A consistent capture of the catalog, cheap to take (documents are immutable and shared). */
export interface CatalogImage {
  collections: Array<{ ns: string; options: Doc; indexes: Doc[]; docs: Doc[] }>;
}

/** Captures the catalog synchronously (call it in the same tick as the journal switch). */
export function captureCatalog(catalog: Catalog): CatalogImage {
  return {
    collections: catalog.all().map((collection) => ({
      ns: collection.ns,
      options: collection.options,
      indexes: collection.data.indexes.map((index) => index.spec.info),
      docs: [...collection.data.docs.values()],
    })),
  };
}

/**
 * Writes a snapshot that replaces every journal below `journalSeq`: to a temporary file, fsynced, then renamed over
 * the old snapshot (and the directory fsynced), so a crash leaves either the old or the new snapshot, never half.
 * `midway` runs once the first collection is written (the hangDuringSnapshotWrite failpoint waits there).
 */
export async function writeSnapshot(
  dir: string,
  image: CatalogImage,
  journalSeq: number,
  midway: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const tmp = join(dir, SNAPSHOT_TMP);
  const file = await open(tmp, 'w');
  try {
    await file.write(encodeRecord([{ o: 'h', seq: journalSeq, v: FORMAT_VERSION }]));
    for (const [index, collection] of image.collections.entries()) {
      const head: JournalOp[] = [{ o: 'c', ns: collection.ns, opts: collection.options }];
      for (const spec of collection.indexes) {
        if (spec.name !== ID_INDEX_INFO.name) head.push({ o: 'ci', ns: collection.ns, spec });
      }
      await file.write(encodeRecord(head));
      let chunk: Doc[] = [];
      let bytes = 0;
      for (const doc of collection.docs) {
        const size = calculateObjectSize(doc);
        if (chunk.length > 0 && bytes + size > CHUNK_BYTES) {
          await file.write(encodeRecord([{ o: 'pb', ns: collection.ns, docs: chunk }]));
          chunk = [];
          bytes = 0;
        }
        chunk.push(doc);
        bytes += size;
      }
      if (chunk.length > 0) await file.write(encodeRecord([{ o: 'pb', ns: collection.ns, docs: chunk }]));
      if (index === 0) await midway();
    }
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, join(dir, SNAPSHOT));
  await syncDirectory(dir);
}

/** Deletes journals made obsolete by a snapshot. */
export async function deleteJournalsBefore(dir: string, seq: number): Promise<void> {
  for (const n of await listJournals(dir)) {
    if (n < seq) await unlink(join(dir, journalFileName(n))).catch(() => undefined);
  }
}
