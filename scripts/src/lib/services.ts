import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type ManagedChild } from './child.js';
import { DATA_DIR, ROOT } from './paths.js';
import { portPreferring } from './ports.js';

export interface RunningService {
  child: ManagedChild;
  url: string;
}

const supervisorEnv = () => ({ ...process.env, MERCATO_SUPERVISOR_PID: String(process.pid) });

/** The embedded MongoDB engine as a child process, data under .data/mongo (survives restarts). */
export async function startEngine(): Promise<RunningService> {
  const port = await portPreferring(27017);
  const dbPath = join(DATA_DIR, 'mongo');
  mkdirSync(dbPath, { recursive: true });
  const { child, match } = await startChild({
    name: 'mongo',
    command: process.execPath,
    args: [join(ROOT, 'packages/embedded-mongo/dist/cli.js'), '--port', String(port), '--dbpath', dbPath],
    env: supervisorEnv(),
    detached: true,
    readyPattern: /Embedded MongoDB listening on (mongodb:\/\/\S+)/,
    timeoutMs: 120_000,
  });
  return { child, url: match?.[1] ?? `mongodb://127.0.0.1:${port}` };
}

/**
 * Runs a program that cannot watch the launcher itself (redis-server, haproxy: `$@`) under a tiny sh supervisor:
 * it stops the program within a second of the launcher's pid disappearing (even after kill -9) and turns the
 * launcher's SIGTERM into the program's own clean stop (MERCATO_STOP_SIGNAL: TERM for redis, USR1 for HAProxy's
 * soft stop), passing on its exit status. Redis refuses to exit when its final save fails (disk full, data
 * directory gone), hence the SIGKILL after 10 s. Polling costs one `sleep` fork a second.
 */
const SUPERVISOR = `
"$@" &
program=$!
nap=
stop() {
  kill -"\${MERCATO_STOP_SIGNAL:-TERM}" "$program" 2>/dev/null
  tries=0
  while kill -0 "$program" 2>/dev/null && [ "$tries" -lt 50 ]; do sleep 0.2; tries=$((tries + 1)); done
  kill -KILL "$program" 2>/dev/null
  [ -z "$nap" ] || kill "$nap" 2>/dev/null
  wait "$program"
  exit $?
}
trap stop TERM INT HUP
while kill -0 "$program" 2>/dev/null; do
  kill -0 "$MERCATO_SUPERVISOR_PID" 2>/dev/null || stop
  sleep 1 & nap=$!
  wait "$nap"
done
wait "$program"
`;

/** `argv` under the supervisor above, stopped with `stopSignal` (without the SIG prefix). */
export function supervised(name: string, argv: string[], stopSignal = 'TERM') {
  return {
    command: 'sh',
    args: ['-c', SUPERVISOR, `${name}-supervisor`, ...argv],
    env: { ...supervisorEnv(), MERCATO_STOP_SIGNAL: stopSignal },
  };
}

/**
 * redis-server from PATH with append-only persistence under .data/redis, in its own process group like the other
 * services: a terminal's Ctrl-C reaches only the launcher, which stops redis after the app that uses it.
 */
export async function startRedis(): Promise<RunningService> {
  const port = await portPreferring(6379);
  const dir = join(DATA_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  const redis = ['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--dir', dir];
  const { child } = await startChild({
    name: 'redis',
    ...supervised('redis', [...redis, '--appendonly', 'yes', '--save', '60 1000']),
    detached: true,
    readyPattern: /Ready to accept connections/,
    quiet: true,
    timeoutMs: 30_000,
  });
  return { child, url: `redis://127.0.0.1:${port}` };
}

/**
 * The payment sandbox, with the app's webhook endpoint registered. With `trustedCaFile` (the local authority of
 * `npm start -- --https`) it delivers to the https endpoint with certificates checked, trusting that authority as
 * well as Node's usual roots: the way a machine that trusts the local certificate talks to the shop, with no
 * switch in the sandbox that skips verification.
 */
export async function startSandbox(options: {
  secretKey: string;
  webhookUrl: string;
  webhookSecret: string;
  trustedCaFile?: string;
}): Promise<RunningService> {
  const port = await portPreferring(12111);
  const { child, match } = await startChild({
    name: 'payments',
    command: process.execPath,
    args: [
      join(ROOT, 'packages/payment-sandbox/dist/cli.js'),
      '--port',
      String(port),
      '--secret-key',
      options.secretKey,
      '--webhook-url',
      options.webhookUrl,
      '--webhook-secret',
      options.webhookSecret,
    ],
    env: { ...supervisorEnv(), ...(options.trustedCaFile ? { NODE_EXTRA_CA_CERTS: options.trustedCaFile } : {}) },
    detached: true,
    readyPattern: /Payment sandbox listening on (http:\/\/\S+)/,
    timeoutMs: 60_000,
  });
  return { child, url: match?.[1] ?? `http://127.0.0.1:${port}` };
}

export { supervisorEnv };
