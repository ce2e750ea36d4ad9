// Summarises a V8 .cpuprofile (from `--profile <dir>`): self time by function and by package, so a profile can be
// quoted as evidence without opening DevTools. Samples in the first `skip` seconds (start-up: tsx compiling the
// sources) can be left out. Note that a sample is wall-clock: on a busy machine, time a process spends descheduled
// inside a syscall (socket writes) shows up as that syscall's time.
// Usage: tsx bench/src/support/profile-summary.ts <file.cpuprofile> [top=25] [skip seconds=0]
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** node_modules/<package>, our workspace folder, or the kind of frame (GC, idle, program). */
function ownerOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module?.[1]) return module[1];
  const workspace =
    /\/work\/main\/((?:apps|packages)\/[^/]+)/.exec(url) ?? /\/(apps|packages|bench)\/([^/]+)/.exec(url);
  if (workspace) return workspace.slice(1).join('/');
  return url.startsWith('node:') ? 'node core' : url;
}

function top(totals: Map<string, number>, count: number, all: number): string[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, micros]) =>
        `${((100 * micros) / all).toFixed(1).padStart(5)}%  ${(micros / 1_000).toFixed(0).padStart(7)} ms  ${name}`,
    );
}

async function main(): Promise<void> {
  const [file, countArgument, skipArgument] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [skip seconds]');
  const count = Number(countArgument ?? 25);
  const skipMicros = Number(skipArgument ?? 0) * 1_000_000;
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let busy = 0;
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    elapsed += micros;
    if (!node || elapsed < skipMicros || node.callFrame.functionName === '(idle)') return;
    busy += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const owner = ownerOf(url, functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
  });
  console.log(
    `${file}: ${(busy / 1_000).toFixed(0)} ms busy of ${((profile.endTime - profile.startTime) / 1_000).toFixed(0)} ms`,
  );
  console.log(`\nself time by package\n${top(byOwner, count, busy).join('\n')}`);
  console.log(`\nself time by function\n${top(byFunction, count, busy).join('\n')}`);
}

await main();
