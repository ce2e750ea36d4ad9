import { exitWith, runShopCli } from './lib/shop-cli.js';

/**
 * `npm run keys:rotate [-- --reindex]`: re-seals every personal field under the active key of DATA_ENCRYPTION_KEYS
 * (resumable, idempotent, with progress), after which older keys can be removed from the list.
 */
exitWith(runShopCli('rotate-keys', process.argv.slice(2)));
