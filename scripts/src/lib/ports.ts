import { createServer } from 'node:net';

/** Returns `preferred` when it is free on the loopback, otherwise any free port. */
export async function portPreferring(preferred: number): Promise<number> {
  return (await isFree(preferred)) ? preferred : listenAndRelease(0);
}

export function isFree(port: number): Promise<boolean> {
  return listenAndRelease(port).then(
    () => true,
    () => false,
  );
}

function listenAndRelease(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
