import { exitWith, runShopCli } from './lib/shop-cli.js';

/** `npm run admin:create -- --email … --password …`: creates (or promotes) an admin in the shop's database. */
exitWith(runShopCli('admin-create', process.argv.slice(2)));
