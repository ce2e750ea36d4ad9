import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { buildApp } from './app.js';
import { loadConfigOrExit, supervisorPid } from './lib/boot.js';
import { installShutdown } from './lib/shutdown.js';
import { checkDependencies } from './modules/system/service.js';

/**
 * A standalone job worker (`npm run worker`): the same modules and job handlers as the API, without serving it.
 * Run API instances with RUN_WORKER=false and one or more of these when jobs should not share the web processes.
 * Like `npm start`, it reads `.env` from the directory it is started in (the repository root for `npm run`);
 * variables already in the environment win.
 */
if (existsSync('.env')) process.loadEnvFile('.env');
const config = loadConfigOrExit({ ...process.env, RUN_WORKER: 'true' });
const app = await buildApp(config);
const health = config.WORKER_HEALTH_PORT === undefined ? undefined : createHealthServer(app);
app.addHook('onClose', async () => {
  if (health) await new Promise<void>((resolve) => health.close(() => resolve()));
});
installShutdown(app, { supervisorPid: supervisorPid() });
await app.ready();
if (health) {
  await new Promise<void>((resolve, reject) => {
    health.once('error', reject);
    health.listen(config.WORKER_HEALTH_PORT, config.HOST, resolve);
  });
}
app.log.info({ healthPort: config.WORKER_HEALTH_PORT }, 'job worker running');

/**
 * `GET /health` for container probes: 200 while the BullMQ worker runs and MongoDB and Redis answer, 503 otherwise.
 * A bare node:http server, because the worker's Fastify instance must not serve the API to whoever reaches the port.
 */
function createHealthServer(worker: FastifyInstance): Server {
  return createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    void checkDependencies(worker).then((dependencies) => {
      const checks = { ...dependencies, worker: worker.jobs.isWorking() ? 'up' : 'down' };
      const isHealthy = Object.values(checks).every((state) => state === 'up');
      response
        .writeHead(isHealthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ status: isHealthy ? 'ok' : 'unavailable', checks }));
    });
  });
}
