import autocannon from 'autocannon';

export interface LoadOptions {
  /** Base URL of the server; the paths come from `requests`. */
  url: string;
  /** Requests each connection cycles through; each connection starts at a different offset. */
  requests: autocannon.Request[];
  connections: number;
  durationSeconds: number;
  /** A request without an answer after this long counts as an error (default 10 s). */
  timeoutSeconds?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Latency percentiles of all responses, in ms. */
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  /** Connection errors, including timeouts. */
  errors: number;
}

/** One autocannon run, with every response time (ms, sorted) so rounds can be merged. */
export interface LoadRun extends LoadResult {
  latencies: number[];
}

/**
 * Drives `connections` keep-alive connections at full speed for a fixed time with autocannon (closed loop: each
 * connection sends its next request as soon as the previous answer arrives). Connections start at different
 * points of the request list, so they do not ask for the same URL in lockstep: in-process single-flight would
 * otherwise merge requests that real shoppers would not send at the same instant.
 */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const { requests, connections } = options;
  let clientIndex = 0;
  // autocannon's own percentiles are whole milliseconds; its per-response times are not, so keep those.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections,
        duration: options.durationSeconds,
        timeout: options.timeoutSeconds ?? 10,
        requests,
        setupClient: (client) => {
          const offset = Math.floor((clientIndex++ * requests.length) / connections) % requests.length;
          if (offset > 0) client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
        },
      },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    latencies,
  };
}

/** The nearest-rank percentile of sorted values (NaN when there are none). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** GET requests for a list of paths. */
export function getRequests(paths: string[]): autocannon.Request[] {
  return paths.map((path) => ({ method: 'GET', path }));
}

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * One figure from several short rounds: the median rate, latency percentiles over every response of every round,
 * and the sums of the counts. On a shared machine a burst of someone else's work then spoils one round's rate, not
 * the figure.
 */
export function combineRounds(rounds: LoadRun[]): LoadResult {
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  return {
    requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    total: rounds.reduce((sum, round) => sum + round.total, 0),
    non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  };
}
