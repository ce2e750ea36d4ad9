import { buildApp } from './app.js';
import { loadConfigOrExit, supervisorPid } from './lib/boot.js';
import { installShutdown } from './lib/shutdown.js';

/** Entry point of an API instance: config, app, listen, graceful shutdown. */
const config = loadConfigOrExit();
const app = await buildApp(config);
installShutdown(app, { supervisorPid: supervisorPid() });
await app.listen({ host: config.HOST, port: config.PORT });
