import { markdownTable, textTable } from './support/format.js';

/** One page's Lighthouse figures (the median of its runs by performance score). */
export interface PageResult {
  page: string;
  path: string;
  runs: number;
  /** Category scores, 0–100. */
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  /** Metrics in ms (CLS unitless), as Lighthouse simulates them for a mid-range phone on a slow 4G link. */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; speedIndex: number };
  /** The performance scores of every run, for the spread. */
  performanceRuns: number[];
  /** JavaScript the page loaded (compressed bytes on the wire, and uncompressed), and all bytes on the wire. */
  scriptTransferBytes: number;
  scriptResourceBytes: number;
  scriptCount: number;
  totalTransferBytes: number;
  lcpElement: string;
  /** Audits of the non-performance categories that did not pass: why a score is under 100. */
  failedAudits: string[];
}

export interface WebRun {
  startedAt: Date;
  command: string;
  machine: string;
  loadBefore: string;
  loadAfter: string;
  elapsedSeconds: number;
  chromium: string;
  lighthouse: string;
  pages: PageResult[];
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const SCORE_HEADER = ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'performance, every run'];
const METRIC_HEADER = [
  'page',
  'FCP s',
  'LCP s',
  'TBT ms',
  'CLS',
  'Speed Index s',
  'JS KB (wire / raw, files)',
  'all KB',
];

const scoreRows = (run: WebRun) =>
  run.pages.map((page) => [
    `${page.page} (\`${page.path}\`)`,
    String(page.scores.performance),
    String(page.scores.accessibility),
    String(page.scores.bestPractices),
    String(page.scores.seo),
    page.performanceRuns.join(', '),
  ]);

const metricRows = (run: WebRun) =>
  run.pages.map((page) => [
    page.page,
    seconds(page.metrics.fcp),
    seconds(page.metrics.lcp),
    String(Math.round(page.metrics.tbt)),
    page.metrics.cls.toFixed(3),
    seconds(page.metrics.speedIndex),
    `${kb(page.scriptTransferBytes)} / ${kb(page.scriptResourceBytes)} (${page.scriptCount})`,
    kb(page.totalTransferBytes),
  ]);

export function printWebRun(run: WebRun): void {
  console.log(`\n${run.machine}\nload average before ${run.loadBefore}, after ${run.loadAfter}\n`);
  console.log(textTable(SCORE_HEADER, scoreRows(run)));
  console.log('');
  console.log(textTable(METRIC_HEADER, metricRows(run)));
  for (const page of run.pages) {
    console.log(`  ${page.page}: LCP element ${page.lcpElement}`);
    for (const audit of page.failedAudits) console.log(`    not passed: ${audit}`);
  }
}

export function webMarkdown(run: WebRun): string {
  const problems = run.pages.flatMap((page) => page.failedAudits.map((audit) => `- ${page.page}: ${audit}`));
  return `# Web benchmark (Lighthouse, mobile)

\`${run.command}\` (\`bench/src/web.bench.ts\`), ${run.startedAt.toISOString()}, ${Math.round(run.elapsedSeconds)} s.

Machine: ${run.machine}. Load average (1/5/15 min) before ${run.loadBefore}, after ${run.loadAfter}: the machine
is shared with other work. Lighthouse simulates the phone's network and CPU (Lantern) from a trace recorded on this
machine, so the performance score and the timings move with the load; the accessibility, best-practices and SEO
scores and the byte counts do not. ${run.chromium}; Lighthouse ${run.lighthouse}.

## What is measured

Lighthouse's default (mobile) configuration: a Moto G Power-sized screen, a 4× slower CPU and a slow 4G link (150 ms
round trip, 1.6 Mbit/s), simulated. Each page is audited in a fresh browser context (empty cache and storage, as a
first visit); the figures are the median run by performance score. The shop runs as in production: the web app's
production build (\`npm run build -w @mercato/web\`) served by the API (\`apps/api/src/server.ts\`) from its
pre-compressed files, the demo catalogue (\`npm run seed\`'s data, images included), the embedded engine and
redis-server, each its own process. The API runs with NODE_ENV=test and an http PUBLIC_URL: production mode requires
an https public URL, whose CSP (\`upgrade-insecure-requests\`) would send the browser to https on a port that speaks
http; nothing else in the API depends on NODE_ENV. Goals (issue 15): performance ≥ 95, the others 100.

## Scores

${markdownTable(SCORE_HEADER, scoreRows(run), ['left', 'right', 'right', 'right', 'right', 'left'])}

## Metrics and bytes

${markdownTable(METRIC_HEADER, metricRows(run), ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'])}

JS is every script the page loaded during the audit: bytes on the wire (brotli) / uncompressed, and how many files.
The cart is a first visit's, so it is empty.

${run.pages.map((page) => `- ${page.page}: the LCP element is ${page.lcpElement}`).join('\n')}

## Audits not passed (accessibility, best practices, SEO)

${problems.length > 0 ? problems.join('\n') : 'None.'}
`;
}
