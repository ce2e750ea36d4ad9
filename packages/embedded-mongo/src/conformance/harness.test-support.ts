import { randomBytes } from 'node:crypto';
import { MongoClient, type Db, type Document, type MongoClientOptions, type ObjectId } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from '../index.js';

/** A document type for tests: any `_id` type (the driver's default assumes ObjectId). */
export interface Row extends Document {
  _id?: string | number | ObjectId;
}

/** The server a conformance file runs against: its own embedded engine, or a real MongoDB replica set. */
export interface ConformanceTarget {
  client: MongoClient;
  db: Db;
  /** Connection string including the database name. */
  uri: string;
  /** True when MONGODB_CONFORMANCE_URI points at a real MongoDB. */
  external: boolean;
  /** The in-process engine (undefined against a real MongoDB). */
  engine: EmbeddedMongo | undefined;
  /** Opens another client on the same database (for tests that need several connections). */
  newClient(options?: MongoClientOptions): Promise<MongoClient>;
  close(): Promise<void>;
}

/** The external MongoDB to check conformance against, if any. */
export function externalUri(): string | undefined {
  const uri = process.env.MONGODB_CONFORMANCE_URI;
  return uri && uri.trim().length > 0 ? uri.trim() : undefined;
}

function withDatabase(uri: string, db: string): string {
  const url = new URL(uri);
  url.pathname = `/${db}`;
  return url.toString();
}

/**
 * Starts the target for one test file. Against a real MongoDB every file gets its own database (dropped at the end);
 * otherwise the file starts its own engine in-process.
 */
export async function openTarget(file: string, engineOptions: EmbeddedMongoOptions = {}): Promise<ConformanceTarget> {
  const dbName = `conf_${file.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(3).toString('hex')}`;
  const external = externalUri();
  const engine = external ? undefined : await startEmbeddedMongo(engineOptions);
  const uri = withDatabase(external ?? (engine as EmbeddedMongo).uri, dbName);
  const clients: MongoClient[] = [];
  const newClient = async (options: MongoClientOptions = {}) => {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, ...options });
    await client.connect();
    clients.push(client);
    return client;
  };
  const client = await newClient();
  const db = client.db(dbName);
  if (external) await db.dropDatabase();
  return {
    client,
    db,
    uri,
    external: external !== undefined,
    engine,
    newClient,
    async close() {
      if (external) await db.dropDatabase().catch(() => undefined);
      await Promise.all(clients.map((c) => c.close()));
      await engine?.stop();
    },
  };
}

/** Runs `use` with a client on the `shop` database of the engine at `uri` (restart tests open several in turn). */
export async function withShopClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(`${uri}/shop`, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    return await use(client);
  } finally {
    await client.close();
  }
}
