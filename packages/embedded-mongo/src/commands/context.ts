import type { Doc } from '../bson/values.js';
import type { DataAccess } from '../data/access.js';
import type { Engine } from '../engine.js';
import type { JournalOp } from '../storage/journal-format.js';
import type { RetryableWrite } from '../txn/retryable-write.js';
import type { Transaction } from '../txn/transaction.js';

/** The client connection a command arrived on. */
export interface ConnectionInfo {
  id: number;
  remote: string;
  /** `client.application.name` from the connection's first handshake (failpoints can target it). */
  appName?: string;
  /** The `lsid` of the connection's last command and its session key (drivers reuse sessions). */
  lastSession?: { id: Uint8Array; key: string };
}

/** What a command handler gets. */
export interface CommandContext {
  engine: Engine;
  name: string;
  db: string;
  body: Doc;
  /** Committed state, or the transaction's view. */
  data: DataAccess;
  /** Journal operations of this command (committed writes and DDL); written as one record after the handler. */
  ops: JournalOp[];
  txn: Transaction | undefined;
  /** The retryable write this command belongs to (lsid + txnNumber outside a transaction): skip what already ran. */
  retry?: RetryableWrite;
  sessionKey: string | undefined;
  connection: ConnectionInfo;
}

/** Handlers run synchronously (each command is atomic); only commitTransaction returns a promise. */
export type CommandHandler = (ctx: CommandContext) => Doc | Promise<Doc>;

export interface CommandDefinition {
  handler: CommandHandler;
  /** Writes wait for the journal before replying. */
  write?: boolean;
  /** May run inside a multi-document transaction. */
  inTransaction?: boolean;
  /** A retryable write: may carry `txnNumber` outside a transaction (insert, update, delete, findAndModify). */
  retryable?: boolean;
}

export type CommandTable = Record<string, CommandDefinition>;
