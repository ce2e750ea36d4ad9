import { open } from 'node:fs/promises';

/** fsyncs a directory so a file created or renamed in it survives a crash (its directory entry is durable). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; creating and renaming files is still atomic there.
  } finally {
    await handle.close();
  }
}
