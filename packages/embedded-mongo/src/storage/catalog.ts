import { UUID } from 'bson';
import type { Doc } from '../bson/values.js';
import { ErrorCode, fail } from '../errors.js';
import { parseCollation } from '../query/collation.js';
import { CollectionData } from './collection-data.js';

/** One collection: its identity and options, and its current data (replaced wholesale on copy-on-write). */
export class Collection {
  readonly db: string;
  name: string;
  readonly uuid: UUID;
  readonly options: Doc;
  data: CollectionData;

  constructor(db: string, name: string, options: Doc = {}, data = new CollectionData(), uuid = new UUID()) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.data = data;
    this.uuid = uuid;
    // A default collation (create with `collation`) also governs `_id` uniqueness, as MongoDB's `_id` index has it.
    const collation = parseCollation(options.collation);
    if (collation && !data.idIndex) data.setIdCollation(collation);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** The data for a committed write: cloned first if a transaction snapshot still references it. */
  writableData(): CollectionData {
    if (this.data.sharedBy > 0) this.data = this.data.clone();
    return this.data;
  }
}

/** Splits `db.collection` at the first dot. */
export function splitNamespace(ns: string): { db: string; name: string } {
  const dot = ns.indexOf('.');
  if (dot <= 0) fail(ErrorCode.InvalidNamespace, `Invalid namespace specified '${ns}'`);
  return { db: ns.slice(0, dot), name: ns.slice(dot + 1) };
}

/** Validates a database name the way mongod does. */
export function checkDatabaseName(db: unknown): string {
  if (typeof db !== 'string' || db.length === 0 || /[/\\. "$\0]/.test(db) || db.length >= 64) {
    fail(ErrorCode.InvalidNamespace, `Invalid database name: '${String(db)}'`);
  }
  return db;
}

/** Validates a collection name the way mongod does. */
export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) fail(ErrorCode.InvalidNamespace, 'Invalid collection name: empty');
  if (name.includes('$') || name.includes('\0') || name.startsWith('.') || name.endsWith('.')) {
    fail(ErrorCode.InvalidNamespace, `Invalid collection name: ${name}`);
  }
  return name;
}

/** Every database and collection held in memory. */
export class Catalog {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  add(collection: Collection): Collection {
    let db = this.dbs.get(collection.db);
    if (!db) {
      db = new Map();
      this.dbs.set(collection.db, db);
    }
    db.set(collection.name, collection);
    return collection;
  }

  remove(db: string, name: string): Collection | undefined {
    const collections = this.dbs.get(db);
    const collection = collections?.get(name);
    if (!collections || !collection) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.dbs.delete(db);
    return collection;
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  databases(): string[] {
    return [...this.dbs.keys()];
  }

  all(): Collection[] {
    return [...this.dbs.values()].flatMap((collections) => [...collections.values()]);
  }
}
