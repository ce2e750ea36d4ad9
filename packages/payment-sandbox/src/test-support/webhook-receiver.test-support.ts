import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface ReceivedWebhook {
  rawBody: string;
  headers: IncomingHttpHeaders;
  /** The event as `stripe.webhooks.constructEvent` verified and parsed it. */
  event: Stripe.Event;
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  /** Verified deliveries, in arrival order (answered 2xx or not). */
  received: ReceivedWebhook[];
  /** Requests whose signature did not verify (should stay empty). */
  rejected: string[];
  /** Decides the HTTP status for the n-th request (0-based); default 200. */
  respondWith(decide: (index: number, event: Stripe.Event) => number | 'hang'): void;
  /** Resolves when `predicate` holds for the received list, or rejects after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  /** Resolves with the first delivery of an event of this type (and optional object id). */
  waitForType(type: string, objectId?: string, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

const verifier = new Stripe('sk_test_unused', { telemetry: false });

/** A real HTTP server standing in for the shop's webhook route: it verifies each delivery with the official SDK. */
export async function startWebhookReceiver(secret: string, port = 0): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const rejected: string[] = [];
  let decide: (index: number, event: Stripe.Event) => number | 'hang' = () => 200;
  let requests = 0;
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let event: Stripe.Event;
      try {
        event = verifier.webhooks.constructEvent(rawBody, String(req.headers['stripe-signature']), secret);
      } catch (error) {
        rejected.push((error as Error).message);
        res.writeHead(400).end('bad signature');
        return;
      }
      const index = requests++;
      received.push({ rawBody, headers: req.headers, event, receivedAt: Date.now() });
      const status = decide(index, event);
      if (status === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(status < 300 ? `ok ${event.id}` : `failing on purpose (${status})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;

  const waitFor = async (predicate: (list: ReceivedWebhook[]) => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(received)) {
      if (Date.now() > deadline) {
        throw new Error(
          `webhooks not received in time; got: ${received.map((r) => r.event.type).join(', ') || 'nothing'}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return received;
  };

  return {
    url: `http://127.0.0.1:${actualPort}/webhooks/stripe`,
    port: actualPort,
    received,
    rejected,
    respondWith: (fn) => {
      decide = fn;
    },
    waitFor,
    waitForType: async (type, objectId, timeoutMs) => {
      const match = (r: ReceivedWebhook) =>
        r.event.type === type && (!objectId || (r.event.data.object as { id?: string }).id === objectId);
      await waitFor((list) => list.some(match), timeoutMs);
      return received.find(match) as ReceivedWebhook;
    },
    close: async () => {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
