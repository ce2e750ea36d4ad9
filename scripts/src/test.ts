import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { run } from './lib/child.js';
import { DATA_DIR, ROOT } from './lib/paths.js';
import { CHROMIUM, DEPLOY_VALIDATORS, ensureSystemDependency, HAPROXY, REDIS_SERVER } from './lib/system-deps.js';

/**
 * `npm test`: makes sure redis-server, HAProxy and Chromium exist (installing them with apt where possible), then runs
 * type-check, lint, unit, integration and browser tests, and ends with one summary line. Every step runs even
 * after a failure so one run shows everything that is broken.
 */
interface StepResult {
  name: string;
  isOk: boolean;
  seconds: number;
  tests?: { passed: number; failed: number; total: number };
  /** Full names of the tests that failed, so the last lines of a CI log say what broke. */
  failures?: string[];
}

const RESULTS_DIR = join(DATA_DIR, 'test-results');

async function main(): Promise<void> {
  const started = Date.now();
  const onlyArgument = process.argv.find((arg) => arg.startsWith('--only='));
  const only = onlyArgument ? onlyArgument.slice('--only='.length).split(',') : undefined;
  const wants = (name: string) => !only || only.includes(name);

  const hasRedis = process.env.REDIS_URL !== undefined || (await ensureSystemDependency(REDIS_SERVER));
  // The multi-instance tests put a real HAProxy in front of the API instances.
  const hasHaproxy = !wants('integration') || (await ensureSystemDependency(HAPROXY));
  // …and validate deploy/'s Compose file and Caddyfile with the tools Debian packages.
  let hasValidators = true;
  for (const validator of wants('integration') ? DEPLOY_VALIDATORS : [])
    hasValidators = (await ensureSystemDependency(validator)) && hasValidators;
  const hasChromium = !wants('browser') || (await ensureSystemDependency(CHROMIUM));
  if (!hasRedis || !hasHaproxy || !hasValidators || !hasChromium) {
    process.stderr.write('✘ Missing system dependencies (see above); no tests were run.\n');
    process.exit(1);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });

  const results: StepResult[] = [];
  const step = async (name: string, command: string, args: string[]) => {
    if (!wants(name)) return;
    process.stdout.write(`\n\x1b[1m━━ ${name} ━━\x1b[0m\n`);
    const begin = Date.now();
    const code = await run(command, args, { cwd: ROOT });
    const result: StepResult = { name, isOk: code === 0, seconds: (Date.now() - begin) / 1000 };
    const report = readVitestReport(name);
    if (report) {
      result.tests = report.counts;
      result.failures = report.failures;
    }
    results.push(result);
  };
  const vitest = (project: string) => [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(RESULTS_DIR, `${project}.json`)}`,
  ];

  await step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  await step('lint', 'npm', ['run', '--silent', 'lint']);
  await step('unit', 'npx', vitest('unit'));
  await step('integration', 'npx', vitest('integration'));
  if (wants('browser')) await step('build web', 'npm', ['run', '--silent', 'build', '-w', '@mercato/web']);
  await step('browser', 'npx', vitest('browser'));

  printSummary(results, (Date.now() - started) / 1000);
  process.exit(results.every((result) => result.isOk) ? 0 : 1);
}

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

/** The first line of a failure message, without colour codes, short enough for a summary line. */
function firstLine(message: string | undefined): string {
  const line = message === undefined ? undefined : stripVTControlCharacters(message).split('\n')[0]?.trim();
  return line ? `\n        ${line.length > 300 ? `${line.slice(0, 300)}…` : line}` : '';
}

function readVitestReport(step: string): { counts: NonNullable<StepResult['tests']>; failures: string[] } | undefined {
  const file = join(RESULTS_DIR, `${step}.json`);
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJsonReport;
    const failures: string[] = [];
    for (const suite of report.testResults ?? []) {
      const path = suite.name.startsWith(ROOT) ? suite.name.slice(ROOT.length + 1) : suite.name;
      const failed = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
      // With the first line of why: CI shows only the end of the log, where this summary is.
      for (const test of failed) failures.push(`${path} > ${test.fullName}${firstLine(test.failureMessages?.[0])}`);
      // A file that fails outside any test (a hook, an import) has no failed assertion to name.
      if (failed.length === 0 && suite.status === 'failed')
        failures.push(`${path}: ${(suite.message ?? 'failed').split('\n')[0]}`);
    }
    return {
      counts: { passed: report.numPassedTests, failed: report.numFailedTests, total: report.numTotalTests },
      failures,
    };
  } catch {
    return undefined;
  }
}

function printSummary(results: StepResult[], seconds: number): void {
  process.stdout.write('\n\x1b[1m━━ summary ━━\x1b[0m\n');
  for (const result of results) {
    const counts = result.tests ? ` (${result.tests.passed}/${result.tests.total} tests passed)` : '';
    process.stdout.write(
      `${result.isOk ? '\x1b[32m✔' : '\x1b[31m✘'}\x1b[0m ${result.name.padEnd(12)} ${result.seconds.toFixed(1).padStart(6)}s${counts}\n`,
    );
    for (const failure of result.failures ?? []) process.stdout.write(`    \x1b[31m✘\x1b[0m ${failure}\n`);
  }
  const tests = results.reduce((sum, result) => sum + (result.tests?.total ?? 0), 0);
  const failedSteps = results.filter((result) => !result.isOk).map((result) => result.name);
  const minutes = `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
  process.stdout.write(
    failedSteps.length === 0
      ? `\x1b[32m✔ ALL PASSED\x1b[0m: ${results.length} steps, ${tests} tests in ${minutes}\n`
      : `\x1b[31m✘ FAILED\x1b[0m: ${failedSteps.join(', ')} (${tests} tests ran) in ${minutes}\n`,
  );
}

void main();
