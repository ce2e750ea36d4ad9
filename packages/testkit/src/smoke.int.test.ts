import { createConnection } from 'node:net';
import { describe, expect, inject, it } from 'vitest';

describe('testkit global setup', () => {
  it('when the integration run starts, then a real redis-server answers PING', async () => {
    const url = new URL(inject('redisUrl'));
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: url.hostname, port: Number(url.port) }, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString());
      });
      socket.once('error', reject);
    });
    expect(reply).toBe('+PONG\r\n');
  });
});
