import type { VerifyRate } from './auth-users.js';
import { formatMs, formatRate, markdownTable, textTable } from './support/format.js';
import type { LoadResult } from './support/load.js';

export interface LoginMeasurement {
  connections: number;
  load: LoadResult;
  /** CPU time of the API process per successful login (ms). */
  cpuMsPerLogin: number;
}

export interface CostRun {
  cost: number;
  userCount: number;
  hashSeconds: number;
  /** Raw bcrypt checks, one at a time: what one core does. */
  verifySingle: VerifyRate;
  /** Raw bcrypt checks with `threads` in flight: what one process can do on this machine. */
  verifyPool: VerifyRate;
  health: LoadResult;
  /** CPU time of the API per /api/health request (ms). */
  healthCpuMs: number;
  logins: LoginMeasurement[];
}

export interface AuthRun {
  startedAt: Date;
  machine: string;
  loadBefore: string;
  loadAfter: string;
  threads: number;
  cores: number;
  durationSeconds: number;
  runs: CostRun[];
  elapsedSeconds: number;
}

const baselineHeader = (run: AuthRun) => [
  'bcrypt cost',
  'CPU ms per check',
  'checks/s per core (1000 ÷ CPU ms)',
  'measured checks/s, 1 at a time',
  `measured checks/s, ${run.threads} at a time`,
  '/api/health req/s',
  'p50 ms',
  'p99 ms',
  'CPU ms per health req',
];
const LOGIN_HEADER = ['bcrypt cost', 'conns', 'logins/s', 'p50 ms', 'p99 ms', 'API CPU ms/login', 'bcrypt share of it'];

function baselineRows(run: AuthRun): string[][] {
  return run.runs.map((cost) => [
    String(cost.cost),
    formatMs(cost.verifySingle.cpuMsEach),
    formatRate(1_000 / cost.verifySingle.cpuMsEach),
    formatRate(cost.verifySingle.perSecond),
    formatRate(cost.verifyPool.perSecond),
    formatRate(cost.health.requestsPerSecond),
    formatMs(cost.health.p50),
    formatMs(cost.health.p99),
    formatMs(cost.healthCpuMs),
  ]);
}

function loginRows(run: AuthRun): string[][] {
  return run.runs.flatMap((cost) =>
    cost.logins.map((login) => [
      String(cost.cost),
      String(login.connections),
      formatRate(login.load.requestsPerSecond),
      formatMs(login.load.p50),
      formatMs(login.load.p99),
      formatMs(login.cpuMsPerLogin),
      Number.isFinite(login.cpuMsPerLogin)
        ? `${Math.round((100 * cost.verifySingle.cpuMsEach) / login.cpuMsPerLogin)}%`
        : '–',
    ]),
  );
}

function findings(run: AuthRun): string[] {
  return run.runs.map((cost) => {
    const best = cost.logins.reduce((a, b) => (b.load.requestsPerSecond > a.load.requestsPerSecond ? b : a));
    const single = cost.logins.find((login) => login.connections === 1) ?? best;
    // The run with the most completed logins gives the steadiest CPU figure.
    const steadiest = cost.logins.reduce((a, b) => (b.load.total > a.load.total ? b : a));
    const cpuPerLogin = steadiest.cpuMsPerLogin;
    return [
      `- Cost ${cost.cost}: a bcrypt check costs ${formatMs(cost.verifySingle.cpuMsEach)} ms of CPU`,
      `(${formatRate(1_000 / cost.verifySingle.cpuMsEach)} checks/s per core); a whole login costs the API ${formatMs(cpuPerLogin)} ms of CPU,`,
      `so ${run.cores} cores doing nothing else would cap out near ${formatRate((run.cores * 1_000) / cpuPerLogin)} logins/s.`,
      `Measured here: at most ${formatRate(best.load.requestsPerSecond)} logins/s (${best.connections} connection${best.connections === 1 ? '' : 's'}); a login on its own answers in`,
      `${formatMs(single.load.p50)} ms (p50). A /api/health request costs the same process ${formatMs(cost.healthCpuMs)} ms of CPU`,
      `(${formatRate(cost.health.requestsPerSecond)} req/s): one login costs as much CPU as ~${Math.round(cpuPerLogin / cost.healthCpuMs).toLocaleString('en-US')} of them.`,
      `The API's peak is ${Math.round((100 * best.load.requestsPerSecond) / cost.verifyPool.perSecond)}% of the raw bcrypt rate this process managed in the same run`,
      `(${formatRate(cost.verifyPool.perSecond)} checks/s with ${run.threads} in flight).`,
      // Four threads no faster than one: the machine's other core was busy elsewhere, so every wall-clock rate here
      // is that of roughly one core.
      cost.verifyPool.perSecond < 1.3 * cost.verifySingle.perSecond
        ? `In this run ${run.threads} checks at a time were no faster than one: the other core was busy with other work, so the wall-clock rates are roughly one core's.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
  });
}

function problems(run: AuthRun): string[] {
  const lines = run.runs.flatMap((cost) => [
    ...cost.logins
      .filter((login) => login.load.non2xx > 0 || login.load.errors > 0)
      .map(
        (login) =>
          `- cost ${cost.cost}, ${login.connections} connections: ${login.load.non2xx} non-2xx, ${login.load.errors} connection errors or timeouts`,
      ),
    ...(cost.health.non2xx + cost.health.errors > 0 ? [`- cost ${cost.cost}: /api/health had failures`] : []),
  ]);
  return lines.length > 0 ? lines : ['- None: every login answered 200 with a session.'];
}

/** The terminal summary. */
export function printAuthRun(run: AuthRun): void {
  console.log(`\n${textTable(baselineHeader(run), baselineRows(run))}`);
  console.log(`\n${textTable(LOGIN_HEADER, loginRows(run))}`);
  console.log(`\n${findings(run).join('\n')}\n${problems(run).join('\n')}`);
}

/** bench/results/auth.md. */
export function authMarkdown(run: AuthRun): string {
  const right = (count: number) => ['left' as const, ...Array<'right'>(count - 1).fill('right')];
  const users = run.runs.map(
    (cost) => `${cost.userCount} users hashed in ${cost.hashSeconds.toFixed(1)} s at cost ${cost.cost}`,
  );
  return `# Auth benchmark: login throughput next to the bcrypt cost

Run: ${run.startedAt.toISOString()} (took ${Math.round(run.elapsedSeconds)} s)  
Machine: ${run.machine}  
Load average (1/5/15 min) before: ${run.loadBefore}, after: ${run.loadAfter}  
Command: \`npm run bench:auth\`

Setup: the built API (\`apps/api/dist/server.js\`, NODE_ENV=production, LOG_LEVEL=warn, BCRYPT_COST as in the table,
AUTH_RATE_LIMIT_PER_IP / PER_ACCOUNT and the global rate limit lifted, no in-process worker), the embedded MongoDB
engine (its CLI) and redis-server each run as their own process. Distinct active users are created directly in the
database with the API's own \`hashPassword\` (${users.join('; ')}). autocannon sends \`POST /api/auth/login\` with
correct credentials, cycling through the users, closed loop, ${run.durationSeconds} s per figure. Every login is a real one:
throttle counters in Redis, user lookup, bcrypt check, a new session document, a signed access token.

The raw baseline runs in the benchmark process with the API idle: the API's \`verifyPassword\` (SHA-256 pre-hash +
@node-rs/bcrypt), one at a time (one core's worth) and ${run.threads} at a time (libuv's thread pool, where
@node-rs/bcrypt runs: one process's worth on this machine). CPU times come from the kernel (process.cpuUsage for the
benchmark process, /proc for the API) and, unlike the per-second rates, hardly depend on what else the machine runs.

## Baselines

${markdownTable(baselineHeader(run), baselineRows(run), right(baselineHeader(run).length))}

## Logins through the API

${markdownTable(LOGIN_HEADER, loginRows(run), right(LOGIN_HEADER.length))}

## Reading the figures

${findings(run).join('\n')}

## Problems seen in this run

${problems(run).join('\n')}
`;
}
