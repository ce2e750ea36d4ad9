import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One API instance behind the proxy. */
export interface Upstream {
  name: string;
  port: number;
  host?: string;
}

export interface ProxyOptions {
  /** Where the shop is served. */
  port: number;
  upstreams: readonly Upstream[];
  /** HAProxy's status page (CSV at `/;csv`): which instances are up, how many requests each served or failed. */
  statsPort: number;
  /** Health-check interval; an instance is out after 2 failed checks and back after 2 good ones. */
  checkIntervalMs?: number;
}

/**
 * The HAProxy configuration for a shop of several API instances (docs/decisions/0013-haproxy-in-front.md):
 *
 * - Health: each instance's `/api/ready` every `checkIntervalMs`; it fails while MongoDB or Redis is unreachable
 *   and while the instance drains before a shutdown (SHUTDOWN_DRAIN_MS), so a rolling restart takes it out of
 *   rotation before it closes.
 * - Retries: a request whose connection to an instance fails (refused: the instance is gone) is sent again, to
 *   another instance on the last try (`option redispatch`): nothing reached the app, so any method is safe. GET
 *   and HEAD are also retried when an instance answers nothing, times out or answers 503 (it was closing). Other
 *   methods are never replayed once sent (`disable-l7-retry`): the app may have acted on them; a client retries
 *   them itself (checkout and payments are idempotent by design).
 * - Client address: X-Forwarded-For carries only the address HAProxy took the connection from. The instances run
 *   with TRUST_PROXY=true and take the header's leftmost entry as the client, and `option forwardfor` alone appends
 *   to whatever the client sent, so a client could name its own address and step around every per-IP throttle.
 *   The client's header is dropped before HAProxy adds its own.
 * - Timeouts: long enough for the live dashboard's event stream (a comment every 15 s) to stay open.
 */
export function haproxyConfig(options: ProxyOptions): string {
  const interval = options.checkIntervalMs ?? 500;
  const servers = options.upstreams.map(
    (upstream) => `  server ${upstream.name} ${upstream.host ?? '127.0.0.1'}:${upstream.port} check`,
  );
  return [
    'global',
    // No request log: in the foreground (-db) HAProxy prints its warnings (an instance DOWN or UP) on stderr.
    '  maxconn 4096',
    // A soft stop (SIGUSR1) lets open requests finish, but never for longer than this.
    '  hard-stop-after 15s',
    // HAProxy binds with SO_REUSEPORT by default, so a second HAProxy (another cluster, another test) given the same
    // port would share it without an error and the kernel would split the connections between two shops: seen in
    // CI as alternate answers from another test's instances. Without it, a taken port fails the start.
    '  noreuseport',
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-request 10s',
    '  timeout queue 10s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout 503',
    '',
    'frontend shop',
    `  bind 127.0.0.1:${options.port}`,
    // Before `option forwardfor` adds the peer's address: see "Client address" above.
    '  http-request del-header X-Forwarded-For',
    '  default_backend api',
    '',
    'backend api',
    '  balance roundrobin',
    '  option httpchk GET /api/ready',
    '  http-check expect status 200',
    '  http-request disable-l7-retry unless METH_GET',
    `  default-server inter ${interval} fastinter ${Math.max(100, Math.floor(interval / 2))} downinter ${interval} rise 2 fall 2`,
    ...servers,
    '',
    'listen stats',
    `  bind 127.0.0.1:${options.statsPort}`,
    '  stats enable',
    '  stats uri /',
    '',
  ].join('\n');
}

/** Writes the configuration under `dir` and returns its path. */
export function writeHaproxyConfig(dir: string, options: ProxyOptions): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'haproxy.cfg');
  writeFileSync(path, haproxyConfig(options));
  return path;
}

/** The command line that runs HAProxy in the foreground on `configPath` (stopped gracefully by SIGUSR1). */
export function haproxyCommand(configPath: string): string[] {
  return ['haproxy', '-db', '-f', configPath];
}

export type UpstreamState = 'UP' | 'DOWN' | 'MAINT' | 'NOLB' | string;

/**
 * Each row of the stats page's CSV for the `api` backend (its servers and the BACKEND total), by column name:
 * `status` ("UP", "DOWN", "UP 1/2" while rising), `stot` (requests), `hrsp_5xx` (5xx the instances answered),
 * `wretr` (retries), `wredis` (redispatches), `econ`/`eresp` (connection and response errors).
 */
export async function upstreamStats(statsPort: number): Promise<Map<string, Record<string, string>>> {
  return (await haproxyStats(statsPort)).backend;
}

/**
 * One reading of the stats page: the `api` backend's rows (as `upstreamStats`) and the `shop` frontend's row, what
 * clients were sent after retries, including answers HAProxy made itself (a 503 with no instance up, a 502/504):
 * `hrsp_5xx` there is the 5xx clients saw; `req_tot` their requests.
 */
export async function haproxyStats(
  statsPort: number,
): Promise<{ backend: Map<string, Record<string, string>>; frontend: Record<string, string> }> {
  const text = await (await fetch(`http://127.0.0.1:${statsPort}/;csv`)).text();
  const [header = '', ...lines] = text.split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const backend = new Map<string, Record<string, string>>();
  let frontend: Record<string, string> = {};
  for (const line of lines) {
    const values = line.split(',');
    const row = () => Object.fromEntries(columns.map((column, index) => [column, values[index] ?? '']));
    if (values[0] === 'api') backend.set(values[1] ?? '', row());
    else if (values[0] === 'shop' && values[1] === 'FRONTEND') frontend = row();
  }
  return { backend, frontend };
}

/** Each instance's state as HAProxy sees it. */
export async function upstreamStates(statsPort: number): Promise<Map<string, UpstreamState>> {
  const states = new Map<string, UpstreamState>();
  for (const [name, row] of await upstreamStats(statsPort))
    if (name !== 'BACKEND') states.set(name, (row.status ?? '').split(' ')[0] ?? '');
  return states;
}

/** Waits until HAProxy reports every named instance in `state` (e.g. all UP after start, one DOWN when killed). */
export async function waitForUpstreams(
  statsPort: number,
  expected: Record<string, UpstreamState>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const states = await upstreamStates(statsPort).catch(() => new Map<string, string>());
    last = JSON.stringify(Object.fromEntries(states));
    if (Object.entries(expected).every(([name, state]) => states.get(name) === state)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`HAProxy did not report ${JSON.stringify(expected)} within ${timeoutMs} ms (last: ${last})`);
}
