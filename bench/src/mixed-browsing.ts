import autocannon from 'autocannon';
import type { Endpoint } from './catalog-endpoints.js';
import { percentile } from './support/load.js';

export type BrowseKind = Endpoint['key'];

/** What one kind of page did during a run: response times (ms, sorted) and the API's `x-cache` verdicts. */
export interface KindResult {
  latencies: number[];
  /** The response times of cache hits alone: what browsing costs when no invalidation is involved. */
  hitLatencies: number[];
  hits: number;
  misses: number;
  /** Answers without an `x-cache` header (an error page, or an API that does not send it). */
  unknown: number;
  non2xx: number;
}

export interface BrowseRun {
  seconds: number;
  byKind: Record<BrowseKind, KindResult>;
  errors: number;
}

const KINDS: BrowseKind[] = ['list', 'search', 'product', 'featured'];
const emptyKind = (): KindResult => ({ latencies: [], hitLatencies: [], hits: 0, misses: 0, unknown: 0, non2xx: 0 });
export const emptyBrowseRun = (): BrowseRun => ({
  seconds: 0,
  errors: 0,
  byKind: { list: emptyKind(), search: emptyKind(), product: emptyKind(), featured: emptyKind() },
});

/**
 * A shopper-like request mix: listings, searches, product pages and the featured list in equal shares, each
 * cycling through its own URLs (10 category listings, 8 searches, 200 product pages, 1 featured list).
 */
export function browsingMix(endpoints: Endpoint[]): Array<{ kind: BrowseKind; path: string }> {
  const longest = Math.max(...endpoints.map((endpoint) => endpoint.paths.length));
  return Array.from({ length: longest }, (_, index) =>
    endpoints.map((endpoint) => ({
      kind: endpoint.key,
      path: endpoint.paths[index % endpoint.paths.length] ?? '',
    })),
  ).flat();
}

/**
 * Browses for a fixed time with autocannon (closed loop, each connection starting at its own point of the mix),
 * recording each response's time and `x-cache` header by kind of page. autocannon calls a request's `onResponse`
 * just before it emits that response's time, so the two are paired through `last`.
 */
export async function browse(options: {
  url: string;
  mix: Array<{ kind: BrowseKind; path: string }>;
  connections: number;
  durationSeconds: number;
}): Promise<BrowseRun> {
  const run = emptyBrowseRun();
  let last: { kind: BrowseKind; cache: string } | undefined;
  const requests: autocannon.Request[] = options.mix.map(({ kind, path }) => ({
    method: 'GET',
    path,
    onResponse: (_status, _body, _context, headers) => {
      last = { kind, cache: String(headers?.['x-cache']) };
    },
  }));
  let clientIndex = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
        requests,
        setupClient: (client) => {
          const offset = Math.floor((clientIndex++ * requests.length) / options.connections) % requests.length;
          if (offset > 0) client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
        },
      },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (!last) return;
      const kind = run.byKind[last.kind];
      kind.latencies.push(responseTime);
      if (status < 200 || status > 299) kind.non2xx += 1;
      else if (last.cache === 'hit') {
        kind.hits += 1;
        kind.hitLatencies.push(responseTime);
      } else if (last.cache === 'miss') kind.misses += 1;
      else kind.unknown += 1;
      last = undefined;
    });
  });
  run.seconds = result.duration;
  run.errors = result.errors;
  for (const kind of KINDS) {
    run.byKind[kind].latencies.sort((a, b) => a - b);
    run.byKind[kind].hitLatencies.sort((a, b) => a - b);
  }
  return run;
}

/** Several runs as one: times and counts pooled. */
export function combineBrowseRuns(runs: BrowseRun[]): BrowseRun {
  const combined = emptyBrowseRun();
  for (const run of runs) {
    combined.seconds += run.seconds;
    combined.errors += run.errors;
    for (const kind of KINDS) {
      const into = combined.byKind[kind];
      const from = run.byKind[kind];
      into.latencies.push(...from.latencies);
      into.hitLatencies.push(...from.hitLatencies);
      into.hits += from.hits;
      into.misses += from.misses;
      into.unknown += from.unknown;
      into.non2xx += from.non2xx;
    }
  }
  for (const kind of KINDS) {
    combined.byKind[kind].latencies.sort((a, b) => a - b);
    combined.byKind[kind].hitLatencies.sort((a, b) => a - b);
  }
  return combined;
}

/** Hit rate, request rate and latency of some kinds of page taken together. */
export function summarise(run: BrowseRun, kinds: BrowseKind[] = KINDS) {
  const parts = kinds.map((kind) => run.byKind[kind]);
  const latencies = parts.flatMap((part) => part.latencies).sort((a, b) => a - b);
  const hitLatencies = parts.flatMap((part) => part.hitLatencies).sort((a, b) => a - b);
  const hits = parts.reduce((sum, part) => sum + part.hits, 0);
  const misses = parts.reduce((sum, part) => sum + part.misses, 0);
  const unknown = parts.reduce((sum, part) => sum + part.unknown, 0);
  const non2xx = parts.reduce((sum, part) => sum + part.non2xx, 0);
  return {
    requests: latencies.length,
    perSecond: run.seconds > 0 ? latencies.length / run.seconds : Number.NaN,
    hitRate: hits + misses > 0 ? hits / (hits + misses) : Number.NaN,
    hits,
    misses,
    unknown,
    non2xx,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    hitP99: percentile(hitLatencies, 99),
  };
}
