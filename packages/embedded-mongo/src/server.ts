import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_ENGINE_OPTIONS, Engine, type EngineOptions } from './engine.js';
import { silentLogger, type Logger } from './logger.js';
import { serveConnection } from './wire/connection.js';

/** A running engine. */
export interface EmbeddedMongo {
  /**
   * `mongodb://host:port` without a database name (append `/<db>`); host:port is the replica set member address
   * `hello` reports (the bound host, or the machine's name when bound to 0.0.0.0 or ::).
   */
  uri: string;
  host: string;
  port: number;
  dbPath: string;
  /** Closes sockets, flushes the journal and releases the data directory; idempotent. */
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions extends Partial<EngineOptions> {
  /** 0 or omitted: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Omitted: a fresh temporary directory, deleted on stop(). */
  dbPath?: string;
  logger?: Logger;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** A wildcard bind is reachable at no single address: advertise the machine's name, as mongod's rs.initiate() does. */
function advertisedHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? hostname() : host;
}

/** Starts the MongoDB-compatible engine on a port with a data directory. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const temporary = options.dbPath === undefined;
  const dbPath = temporary ? await mkdtemp(join(tmpdir(), 'embedded-mongo-')) : resolve(options.dbPath as string);
  const engineOptions: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS };
  for (const key of Object.keys(DEFAULT_ENGINE_OPTIONS) as Array<keyof EngineOptions>) {
    const value = options[key];
    if (typeof value === typeof DEFAULT_ENGINE_OPTIONS[key]) {
      (engineOptions as unknown as Record<string, unknown>)[key] = value;
    }
  }
  const engine = await Engine.open(dbPath, logger, engineOptions);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(engine, socket);
  });
  try {
    await new Promise<void>((ready, failed) => {
      server.once('error', failed);
      server.listen(options.port ?? 0, host, () => ready());
    });
  } catch (error) {
    await engine.close();
    if (temporary) await rm(dbPath, { recursive: true, force: true });
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  // The replica set's only member as `hello` reports it: drivers connect to exactly this address.
  engine.address = `${formatHost(advertisedHost(host))}:${port}`;
  const uri = `mongodb://${engine.address}`;
  logger.info(`listening on ${uri} (data: ${dbPath})`);
  let stopping: Promise<void> | undefined;
  return {
    uri,
    host,
    port,
    dbPath,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          for (const socket of sockets) socket.destroy();
        });
        await engine.close();
        if (temporary) await rm(dbPath, { recursive: true, force: true });
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
