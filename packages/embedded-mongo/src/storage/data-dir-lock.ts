import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A held lock on a data directory. */
export interface DataDirLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `mongod.lock` in the data directory (created exclusively, holding our pid). A lock left by a process that no
 * longer exists is taken over; a live holder (including this process) makes start-up fail.
 */
export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  const path = join(dir, 'mongod.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
      await handle.close();
      return {
        async release() {
          const content = await readFile(path, 'utf8').catch(() => '');
          if (Number.parseInt(content, 10) === process.pid) await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (isAlive(holder)) {
        throw new Error(`data directory ${dir} is already in use by process ${holder} (lock file ${path})`);
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new Error(`could not lock data directory ${dir}`);
}
