// Web benchmark: `npm run bench:web [-- --runs 3 --pages home,category,product,cart --no-build]`. Not a test: it
// runs Lighthouse's mobile audit on the storefront's main pages, served by the API from the production build, and
// writes bench/results/web.md (scores, LCP/CLS/TBT, JavaScript bytes). See bench/README.md.
import { freePort, startRedisServer } from '@mercato/testkit';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { spawnTypeScript, waitForHttp, type ServiceProcess } from './support/child-process.js';
import { Cleanup } from './support/cleanup.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { REPO_ROOT, repoPath } from './support/repo-paths.js';
import { apiEnvironment, startEngineProcess } from './support/services.js';
import { writeResults } from './support/results.js';
import { CHROMIUM_ARGS, chromiumPath } from '@mercato/testkit';
import { printWebRun, webMarkdown, type PageResult } from './web-report.js';

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

const RESULTS_FILE = repoPath('bench/results/web.md');
const CHROMIUM = chromiumPath();
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const PAGE_NAMES = ['home', 'category', 'product', 'cart'] as const;
type TPageName = (typeof PAGE_NAMES)[number];

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      pages: { type: 'string', default: PAGE_NAMES.join(',') },
      'no-build': { type: 'boolean', default: false },
      reports: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const pages = values.pages.split(',') as TPageName[];
  if (!Number.isInteger(runs) || runs < 1 || !pages.every((page) => PAGE_NAMES.includes(page)))
    throw new Error(
      `usage: web.bench.ts [--runs <n>] [--pages ${PAGE_NAMES.join(',')}] [--no-build] [--reports <dir>]`,
    );
  return { runs, pages, shouldBuild: !values['no-build'], reportsDir: values.reports };
}

/** `npm run build -w @mercato/web`: the production build the API serves (with its .br/.gz copies). */
async function buildWebApp(): Promise<void> {
  console.log('building the web app (npm run build -w @mercato/web)…');
  await promisify(execFile)('npm', ['run', 'build', '-w', '@mercato/web'], { cwd: REPO_ROOT, maxBuffer: 1 << 24 });
}

/** Resolves once the process has exited by itself (a CLI that finishes); fails after `timeoutMs`. */
async function waitForExit(child: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!child.hasExited) {
    if (Date.now() > deadline) throw new Error(`${child.name} still running after ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** redis-server, the engine, the demo seed, then the API serving apps/web/dist; returns the shop's URL. */
async function startShop(cleanup: Cleanup): Promise<string> {
  const redis = cleanup.add(await startRedisServer(), 'redis-server', (server) => server.stop());
  const engine = cleanup.add(await startEngineProcess(), 'embedded engine', (server) => server.stop());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = apiEnvironment(
    {
      name: 'api',
      mongoUri: `${engine.uri}/bench_web`,
      redisUrl: redis.url,
      env: {
        // Production mode requires an https PUBLIC_URL, whose CSP (upgrade-insecure-requests) would send Chromium to
        // https on a port that speaks http. Nothing else in the API depends on NODE_ENV (bench/README.md).
        NODE_ENV: 'test',
        PUBLIC_URL: url,
        WEB_DIST_DIR: repoPath('apps/web/dist'),
        DEMO_ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
      },
    },
    port,
  );
  console.log('seeding the demo catalogue (images included)…');
  const seed = spawnTypeScript('seed', repoPath('apps/api/src/cli/seed.ts'), [], env);
  try {
    await waitForExit(seed, 300_000);
  } finally {
    await seed.stop();
  }
  if (!/Demo data/.test(seed.output())) throw new Error(`the seed failed:\n${seed.output()}`);
  const api = cleanup.add(spawnTypeScript('api', repoPath('apps/api/src/server.ts'), [], env), 'api', (server) =>
    server.stop(),
  );
  await waitForHttp(`${url}/api/health`, api, 90_000);
  return url;
}

/** The paths audited: a category and a product from the demo catalogue (the first featured product). */
async function pagePaths(url: string): Promise<Record<TPageName, string>> {
  const categories = (await (await fetch(`${url}/api/categories`)).json()) as { items: { slug: string }[] };
  const featured = (await (await fetch(`${url}/api/products/featured`)).json()) as { items: { slug: string }[] };
  const category = categories.items[0]?.slug;
  const product = featured.items[0]?.slug;
  if (!category || !product) throw new Error('the demo catalogue has no category or featured product');
  return { home: '/', category: `/c/${category}`, product: `/p/${product}`, cart: '/cart' };
}

interface NetworkRequest {
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
}

function detailsItems<T>(lhr: Lhr, audit: string): T[] {
  const details = lhr.audits[audit]?.details as { items?: T[] } | undefined;
  return details?.items ?? [];
}

/** The LCP element as Lighthouse names it (its label and a snippet of its HTML). */
function lcpElementOf(lhr: Lhr): string {
  const find = (value: unknown): { nodeLabel?: string; snippet?: string } | undefined => {
    if (!value || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    if (record.type === 'node') return record as { nodeLabel?: string; snippet?: string };
    for (const child of Object.values(record)) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const audit = lhr.audits['largest-contentful-paint-element'];
  // Lighthouse 12.2's element gatherers fail on newer Chromium traces ("frame_sequence"): say so rather than guess.
  if (audit?.errorMessage) return `not reported (${audit.errorMessage.slice(0, 140)})`;
  const node = find(audit?.details);
  return node ? `${node.nodeLabel ?? '?'} — \`${(node.snippet ?? '').slice(0, 120)}\`` : 'not reported';
}

/** Why a non-performance category is under 100: its weighted audits that did not pass. */
function failedAuditsOf(lhr: Lhr): string[] {
  const failed: string[] = [];
  for (const id of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
        failed.push(`${id} / ${ref.id}: ${audit.title}`);
    }
  }
  return failed;
}

const score = (lhr: Lhr, id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const metric = (lhr: Lhr, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

function pageResult(page: TPageName, path: string, runs: Lhr[]): PageResult {
  const lhr = computeMedianRun(runs);
  const requests = detailsItems<NetworkRequest>(lhr, 'network-requests');
  const scripts = requests.filter((request) => request.resourceType === 'Script');
  return {
    page,
    path,
    runs: runs.length,
    scores: {
      performance: score(lhr, 'performance'),
      accessibility: score(lhr, 'accessibility'),
      bestPractices: score(lhr, 'best-practices'),
      seo: score(lhr, 'seo'),
    },
    metrics: {
      fcp: metric(lhr, 'first-contentful-paint'),
      lcp: metric(lhr, 'largest-contentful-paint'),
      tbt: metric(lhr, 'total-blocking-time'),
      cls: metric(lhr, 'cumulative-layout-shift'),
      speedIndex: metric(lhr, 'speed-index'),
    },
    performanceRuns: runs.map((run) => score(run, 'performance')),
    scriptTransferBytes: scripts.reduce((sum, request) => sum + (request.transferSize ?? 0), 0),
    scriptResourceBytes: scripts.reduce((sum, request) => sum + (request.resourceSize ?? 0), 0),
    scriptCount: scripts.length,
    totalTransferBytes: metric(lhr, 'total-byte-weight'),
    lcpElement: lcpElementOf(lhr),
    failedAudits: failedAuditsOf(lhr),
  };
}

/**
 * One Lighthouse audit. A run that fails to record its trace (NO_NAVSTART and the like, seen now and then on a busy
 * machine) is tried again, up to three times in all; the retries are printed.
 */
async function audit(url: string, port: number): Promise<Lhr> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    const failure = result ? result.lhr.runtimeError?.message : 'no result';
    if (result && !failure) {
      for (const warning of result.lhr.runWarnings) console.warn(`  warning: ${warning}`);
      return result.lhr;
    }
    if (attempt === 3) throw new Error(`Lighthouse failed on ${url} three times: ${failure}`);
    console.warn(`  Lighthouse failed on ${url} (${failure}); trying again`);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const cleanup = new Cleanup();
  try {
    if (options.shouldBuild) await buildWebApp();
    console.log('starting redis-server, the embedded engine and the API…');
    const url = await startShop(cleanup);
    const paths = await pagePaths(url);
    const chrome = cleanup.add(
      await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS, logLevel: 'silent' }),
      'chromium',
      async (launched) => launched.kill(),
    );
    // One audit first, not reported: the API's caches and the engine warm up, as they are in a running shop.
    await audit(`${url}${paths.product}`, chrome.port);

    const pages: PageResult[] = [];
    let versions = { chromium: '', lighthouse: '' };
    for (const page of options.pages) {
      const runs: Lhr[] = [];
      for (let run = 1; run <= options.runs; run++) {
        console.log(`${page} (${paths[page]}): run ${run} of ${options.runs}…`);
        runs.push(await audit(`${url}${paths[page]}`, chrome.port));
      }
      const [first] = runs;
      if (first)
        versions = {
          chromium: first.environment.hostUserAgent.replace(/.*(HeadlessChrome\/\S+).*/, '$1'),
          lighthouse: first.lighthouseVersion,
        };
      pages.push(pageResult(page, paths[page], runs));
      if (options.reportsDir) {
        // The median run's full report: open it in Lighthouse's viewer, or read its audits' details.
        await mkdir(options.reportsDir, { recursive: true });
        await writeFile(join(options.reportsDir, `${page}.json`), JSON.stringify(computeMedianRun(runs), null, 1));
      }
    }
    const run = {
      startedAt,
      command: `npm run bench:web${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      machine: describeMachine(),
      loadBefore,
      loadAfter: loadAverage(),
      elapsedSeconds: (Date.now() - startedAt.getTime()) / 1_000,
      chromium: versions.chromium,
      lighthouse: versions.lighthouse,
      pages,
    };
    printWebRun(run);
    await writeResults(RESULTS_FILE, webMarkdown(run));
  } finally {
    await cleanup.run();
  }
}

await main();
