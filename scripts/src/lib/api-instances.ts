import { join } from 'node:path';
import { startChild, type ManagedChild } from './child.js';
import { waitForHttp } from './http-wait.js';
import { ROOT } from './paths.js';

export interface ApiInstance {
  name: string;
  port: number;
  child: ManagedChild;
}

/** At most this many unplanned restarts of one instance per minute; more means it cannot run: stop everything. */
const MAX_RESTARTS_PER_MINUTE = 5;

/**
 * The API instances of `npm run start:cluster`, each its own process on its own loopback port. An instance that
 * exits while the cluster is not stopping (a crash, `kill -9`, or an operator's SIGTERM for a rolling restart) is
 * started again on the same port, so the proxy's health check brings it back into rotation; one that keeps
 * failing makes `onGiveUp` stop the whole cluster.
 */
export function createApiInstances(options: {
  env: NodeJS.ProcessEnv;
  ports: readonly number[];
  isStopping: () => boolean;
  onChange: (instances: readonly ApiInstance[]) => void;
  onGiveUp: (message: string) => void;
}) {
  const instances: ApiInstance[] = [];
  const restarts = new Map<string, number[]>();

  async function launch(name: string, port: number): Promise<ApiInstance> {
    const { child } = await startChild({
      name,
      command: process.execPath,
      args: [join(ROOT, 'apps/api/dist/server.js')],
      env: { ...options.env, PORT: String(port) },
      detached: true,
    });
    await waitForHttp(`http://127.0.0.1:${port}/api/ready`, 120_000, () => child.process.exitCode === null);
    const instance = { name, port, child };
    void child.exited.then((code) => onExit(instance, code));
    return instance;
  }

  function onExit(instance: ApiInstance, code: number | null): void {
    if (options.isStopping()) return;
    const now = Date.now();
    const recent = (restarts.get(instance.name) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= MAX_RESTARTS_PER_MINUTE) {
      options.onGiveUp(`${instance.name} exited ${recent.length + 1} times within a minute; stopping everything.`);
      return;
    }
    restarts.set(instance.name, [...recent, now]);
    process.stdout.write(`→ ${instance.name} exited (code ${code}); starting it again on port ${instance.port}…\n`);
    launch(instance.name, instance.port).then(
      (replacement) => {
        if (options.isStopping()) {
          void replacement.child.stop();
          return;
        }
        instances[instances.indexOf(instance)] = replacement;
        options.onChange(instances);
      },
      (error: Error) => options.onGiveUp(`${instance.name} could not be started again: ${error.message}`),
    );
  }

  return {
    instances,
    /** Starts every instance (one after another: each boot is CPU-heavy) and waits until each is ready. */
    async start(): Promise<void> {
      for (const [index, port] of options.ports.entries()) instances.push(await launch(`api${index + 1}`, port));
      options.onChange(instances);
    },
    /** SIGTERM to all at once (each drains, finishes in-flight requests, closes); resolves when all are gone. */
    async stop(): Promise<void> {
      await Promise.all(instances.map((instance) => instance.child.stop(20_000)));
    },
  };
}
