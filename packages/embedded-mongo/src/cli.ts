#!/usr/bin/env node
import { CLI_USAGE, parseCliArgs } from './cli-args.js';
import { consoleLogger } from './logger.js';
import { startEmbeddedMongo } from './server.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(CLI_USAGE);
    return;
  }
  const logger = consoleLogger();
  const { port, host, dbPath, compactThresholdBytes, enableTestCommands } = options;
  const mongo = await startEmbeddedMongo({
    port,
    host,
    dbPath,
    logger,
    enableTestCommands,
    ...(compactThresholdBytes ? { compactThresholdBytes } : {}),
  });
  if (enableTestCommands) logger.warn('test commands enabled (configureFailPoint): never use this for real data');
  // The launcher waits for exactly this line on stdout.
  process.stdout.write(`Embedded MongoDB listening on ${mongo.uri} (data: ${mongo.dbPath})\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, flushing and stopping`);
    mongo.stop().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error(`stop failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Started by Mercato's launcher in its own process group: flush and stop when the launcher is gone (even kill -9).
  const supervisor = Number(process.env.MERCATO_SUPERVISOR_PID);
  if (Number.isInteger(supervisor) && supervisor > 0) {
    setInterval(() => {
      try {
        process.kill(supervisor, 0);
      } catch {
        shutdown('launcher exited');
      }
    }, 1_000).unref();
  }
}

main().catch((error: Error) => {
  console.error(`[embedded-mongo] could not start: ${error.message}`);
  process.exit(1);
});
