import { buildApp } from './app.js';
import { loadConfigOrExit, supervisorPid } from './lib/boot.js';
import { installShutdown } from './lib/shutdown.js';

/**
 * A standalone job worker (`npm run worker`): the same modules and job handlers as the API, no HTTP listener.
 * Run API instances with RUN_WORKER=false and one or more of these when jobs should not share the web processes.
 */
const config = loadConfigOrExit({ ...process.env, RUN_WORKER: 'true' });
const app = await buildApp(config);
installShutdown(app, { supervisorPid: supervisorPid() });
await app.ready();
app.log.info('job worker running');
