// The buyers of the mixed benchmark, in a process of their own (forked by `BuyersProcess`), so that their work
// (HTTP clients, the hosted payment page) does not share an event loop with the browsing load generator and delay
// its timings. Driven over IPC: init, start, counts, stop, exit.
import { FulfilmentWatcher } from './checkout-flow.js';
import { Buyers } from './mixed-buyers.js';
import type { BuyersReply, BuyersRequest } from './mixed-buyers.js';

let buyers: Buyers | undefined;
let watcher: FulfilmentWatcher | undefined;

const reply = (message: BuyersReply) => process.send?.(message);

async function handle(request: BuyersRequest): Promise<BuyersReply> {
  switch (request.type) {
    case 'init':
      watcher = await FulfilmentWatcher.start(request.redisUrl);
      buyers = new Buyers(request.apiUrl, request.tokens, request.productIds, watcher, request.abandonEvery);
      return { type: 'ok' };
    case 'start':
      buyers?.start();
      return { type: 'ok' };
    case 'counts':
      return { type: 'counts', counts: { ...(buyers?.counts ?? { paid: 0, abandoned: 0, refused: 0 }) } };
    case 'stop':
      await buyers?.stop();
      return { type: 'stopped', productsLeft: buyers?.productsLeft ?? 0 };
    case 'exit':
      await watcher?.stop();
      setImmediate(() => process.exit(0));
      return { type: 'ok' };
  }
}

process.on('message', (request: BuyersRequest) => {
  handle(request).then(reply, (error: Error) => reply({ type: 'error', message: error.stack ?? error.message }));
});
// The parent gone (killed, crashed): so are we.
process.on('disconnect', () => process.exit(0));
