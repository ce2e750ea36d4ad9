import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the launcher is started from. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Runtime data (databases, secrets). MERCATO_DATA_DIR moves it (the launcher's own tests use a temporary one). */
export const DATA_DIR = process.env.MERCATO_DATA_DIR ?? join(ROOT, '.data');
