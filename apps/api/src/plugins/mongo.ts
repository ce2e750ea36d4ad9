import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MongoClient, type Db } from 'mongodb';

export interface MongoHandle {
  client: MongoClient;
  db: Db;
}

declare module 'fastify' {
  interface FastifyInstance {
    mongo: MongoHandle;
  }
}

/**
 * The official driver, against the embedded engine or a real replica set: only the URI differs.
 * `ignoreUndefined` keeps optional fields out of documents instead of storing nulls. Writes are acknowledged by a
 * majority of the replica set (an acknowledged order survives a failover) and retried once by the driver across an
 * election, as are reads; said explicitly rather than left to server defaults (deploy/README.md, "Failover").
 */
export const mongoPlugin = fp(
  async (app: FastifyInstance) => {
    const client = new MongoClient(app.config.MONGODB_URI, {
      appName: 'mercato-api',
      serverSelectionTimeoutMS: 10_000,
      ignoreUndefined: true,
      writeConcern: { w: 'majority' },
      retryWrites: true,
      retryReads: true,
      monitorCommands: app.config.MONGODB_MONITOR_COMMANDS,
    });
    await client.connect();
    app.decorate('mongo', { client, db: client.db(app.config.mongoDbName) });
    app.addHook('onClose', async () => {
      await client.close();
    });
  },
  { name: 'mongo', dependencies: ['config'] },
);
