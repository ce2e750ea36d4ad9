import { connect, createServer, type Socket } from 'node:net';
import { BSON } from 'mongodb';

const OP_MSG = 2013;

/** A TCP proxy in front of a server that can lose the reply to a command after the server has executed it. */
export interface DropReplyProxy {
  /** `host:port` to connect to (use `directConnection=true`: the server's `hello` names its own address). */
  readonly address: string;
  /** Replies lost so far. */
  readonly dropped: number;
  /**
   * The next reply to `command` (on `collection`, if given) is not relayed: the proxy hangs up on the client instead,
   * after the server has executed the command. To the driver this is a network error on a write that did happen.
   */
  dropNextReplyTo(command: string, collection?: string): void;
  close(): Promise<void>;
}

interface Rule {
  command: string;
  collection: string | undefined;
}

/** Splits a byte stream into whole wire messages (each starts with its int32 length). */
function messageSplitter(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (pending.length < length) return;
      onMessage(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

/** The command document of an OP_MSG (its kind-0 section), or undefined. */
function commandOf(message: Buffer): BSON.Document | undefined {
  if (message.readInt32LE(12) !== OP_MSG || message.readUInt8(20) !== 0) return undefined;
  const size = message.readInt32LE(21);
  return BSON.deserialize(message.subarray(21, 21 + size));
}

/** Starts a proxy on 127.0.0.1 (free port) relaying to `upstream` (`host:port`). */
export async function startDropReplyProxy(upstream: string): Promise<DropReplyProxy> {
  const colon = upstream.lastIndexOf(':');
  const upstreamHost = upstream.slice(0, colon).replace(/^\[|\]$/g, '');
  const upstreamPort = Number(upstream.slice(colon + 1));
  const rules: Rule[] = [];
  const sockets = new Set<Socket>();
  let dropped = 0;

  const server = createServer((client) => {
    const server = connect({ host: upstreamHost, port: upstreamPort });
    sockets.add(client);
    sockets.add(server);
    const doomed = new Set<number>();
    const hangUp = () => {
      client.destroy();
      server.destroy();
    };
    client.on('close', () => sockets.delete(client)).on('error', hangUp);
    server.on('close', () => sockets.delete(server)).on('error', hangUp);
    client.on(
      'data',
      messageSplitter((message) => {
        const command = commandOf(message);
        if (command) {
          const name = Object.keys(command)[0] ?? '';
          const at = rules.findIndex(
            (rule) => rule.command === name && (rule.collection === undefined || rule.collection === command[name]),
          );
          if (at >= 0) {
            rules.splice(at, 1);
            doomed.add(message.readInt32LE(4));
          }
        }
        server.write(message);
      }),
    );
    server.on(
      'data',
      messageSplitter((message) => {
        if (doomed.has(message.readInt32LE(8))) {
          dropped += 1;
          hangUp();
          return;
        }
        client.write(message);
      }),
    );
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const port = (server.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`,
    get dropped() {
      return dropped;
    },
    dropNextReplyTo(command, collection) {
      rules.push({ command, collection });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
