import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** One line describing the machine the figures come from. */
export function describeMachine(): string {
  const cpu = cpus();
  const model = (cpu[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  return `${model} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, Node ${process.version}`;
}

/** The 1-minute load average: on a shared machine, how busy it was besides this benchmark. */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}
