import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './paths.js';

/** What a running `npm start` publishes so other commands (admin:create) can reach its services. */
export interface RuntimeInfo {
  pid: number;
  mongoUri: string;
  redisUrl: string;
  /** `npm run start:cluster` only: where the proxy and each API instance run (pids change when one restarts). */
  cluster?: {
    proxyUrl: string;
    statsPort: number;
    instances: { name: string; port: number; pid: number }[];
  };
}

const FILE = join(DATA_DIR, 'runtime.json');

export function writeRuntime(info: RuntimeInfo): void {
  writeFileSync(FILE, `${JSON.stringify(info, null, 2)}\n`);
}

export function clearRuntime(): void {
  rmSync(FILE, { force: true });
}

/** The running shop's services, or undefined when no launcher is alive. */
export function readLiveRuntime(): RuntimeInfo | undefined {
  if (!existsSync(FILE)) return undefined;
  try {
    const info = JSON.parse(readFileSync(FILE, 'utf8')) as RuntimeInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}
