import type { FastifyInstance } from 'fastify';

const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Closes the app on SIGINT/SIGTERM: first drains (readiness fails for SHUTDOWN_DRAIN_MS while requests are still
 * served, so a load balancer stops sending new ones), then stops accepting connections, lets in-flight requests and
 * jobs finish, and closes MongoDB/Redis. A second signal or the timeout forces the exit. When a supervisor pid is given (the
 * launcher), the process also exits if the supervisor dies, so nothing is left running after a crash.
 */
export function installShutdown(app: FastifyInstance, options: { supervisorPid?: number | undefined } = {}): void {
  let isClosing = false;
  const close = async (reason: string, exitCode: number, drainMs = 0) => {
    if (isClosing) {
      app.log.warn('second shutdown request: exiting now');
      process.exit(1);
    }
    isClosing = true;
    app.log.info({ reason, drainMs }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS + drainMs);
    timer.unref();
    if (drainMs > 0) {
      app.lifecycle.isDraining = true;
      await new Promise((resolve) => setTimeout(resolve, drainMs));
    }
    try {
      await app.close();
    } catch (error) {
      app.log.error({ err: error }, 'error while closing');
      exitCode = 1;
    }
    process.exit(exitCode);
  };

  const drainMs = app.config.SHUTDOWN_DRAIN_MS;
  process.on('SIGINT', () => void close('SIGINT', 0, drainMs));
  process.on('SIGTERM', () => void close('SIGTERM', 0, drainMs));
  process.on('uncaughtException', (error) => {
    app.log.fatal({ err: error }, 'uncaught exception');
    void close('uncaughtException', 1);
  });
  process.on('unhandledRejection', (error) => {
    app.log.fatal({ err: error }, 'unhandled rejection');
    void close('unhandledRejection', 1);
  });

  const supervisor = options.supervisorPid;
  if (supervisor) {
    const watch = setInterval(() => {
      try {
        process.kill(supervisor, 0);
      } catch {
        // Once: the next tick would otherwise count as a second request and cut the graceful close short.
        clearInterval(watch);
        void close('supervisor exited', 0);
      }
    }, 1_000);
    watch.unref();
  }
}
