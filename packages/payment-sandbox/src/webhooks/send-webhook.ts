import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface WebhookResponse {
  /** HTTP status, or null when no response came (refused, reset, timed out, aborted). */
  status: number | null;
  /** The first 4 KiB of the response body, for the deliveries page. */
  body: string;
  error: string | null;
  durationMs: number;
}

const MAX_BODY = 4096;

/**
 * POSTs one webhook delivery on a fresh connection (no keep-alive: every attempt stands alone, as Stripe's do, and
 * nothing lingers after `stop()`). Never throws: failures come back as a response without status.
 */
export function sendWebhook(
  url: string,
  payload: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<WebhookResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response: Omit<WebhookResponse, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve({ ...response, durationMs: Math.round(performance.now() - started) });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ status: null, body: '', error: `invalid URL ${url}` });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Length': Buffer.byteLength(payload), Connection: 'close' },
    });
    const timer = setTimeout(() => {
      finish({ status: null, body: '', error: `timed out after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish({ status: null, body: '', error: 'aborted: the sandbox stopped' });
      req.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk.slice(0, MAX_BODY - body.length);
      });
      res.on('end', () => finish({ status: res.statusCode ?? null, body, error: null }));
      res.on('error', (error) => finish({ status: res.statusCode ?? null, body, error: error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ status: null, body: '', error: error.code ?? error.message }),
    );
    req.end(payload);
  });
}
