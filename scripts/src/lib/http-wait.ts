import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';

/**
 * Polls a URL until it answers 200, or throws after `timeoutMs`. An https URL is checked against `ca` (the local
 * authority of `npm start -- --https`) when given, else against Node's usual roots: never unverified.
 */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
  options: { ca?: string | Buffer } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`stopped before ${url} answered`);
    try {
      if ((await statusOf(url, options.ca)) === 200) return;
    } catch (error) {
      // Not listening yet; a certificate problem is kept to say why it never answered.
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms${lastError ? ` (last error: ${lastError})` : ''}`);
}

function statusOf(url: string, ca: string | Buffer | undefined): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage) => {
      response.resume();
      resolve(response.statusCode);
    };
    const request = url.startsWith('https:')
      ? httpsGet(url, { ca, agent: false, timeout: 5_000 }, onResponse)
      : httpGet(url, { agent: false, timeout: 5_000 }, onResponse);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}
