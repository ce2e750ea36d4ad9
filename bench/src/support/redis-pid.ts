import { createConnection } from 'node:net';

/** The pid of the redis-server on `port`, from its own INFO (the testkit handle does not expose the process). */
export function redisPid(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const timer = setTimeout(() => finish(new Error('redis INFO timed out')), 5_000);
    const finish = (error?: Error, pid?: number) => {
      clearTimeout(timer);
      socket.destroy();
      if (pid !== undefined) resolve(pid);
      else reject(error ?? new Error('no process_id in redis INFO'));
    };
    socket.on('error', (error) => finish(error));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      const match = /process_id:(\d+)/.exec(reply);
      if (match) finish(undefined, Number(match[1]));
    });
    socket.on('connect', () => socket.write('*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n'));
  });
}
