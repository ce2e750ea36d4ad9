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
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  /** Connection errors, including timeouts. */
  errors: number;
}

/**
 * Drives `connections` keep-alive connections at full speed for a fixed time with autocannon (closed loop: each
 * connection sends its next request as soon as the previous answer arrives). Connections start at different
 * points of the request list, so they do not ask for the same URL in lockstep: in-process single-flight would
 * otherwise merge requests that real shoppers would not send at the same instant.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { requests, connections } = options;
  let clientIndex = 0;
  const result = await autocannon({
    url: options.url,
    connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds ?? 10,
    requests,
    setupClient: (client) => {
      const offset = Math.floor((clientIndex++ * requests.length) / connections) % requests.length;
      if (offset > 0) client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
    },
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** GET requests for a list of paths. */
export function getRequests(paths: string[]): autocannon.Request[] {
  return paths.map((path) => ({ method: 'GET', path }));
}
