import { hostname } from 'node:os';
import type { Doc } from '../bson/values.js';
import { MAX_MESSAGE_BYTES } from '../wire/framer.js';
import type { CommandContext, CommandTable } from './context.js';
import { replicaSetHello } from './replica-set.js';
import { replicatedOpCounters } from './op-counters.js';
import { isBinary, isPlainObject } from '../bson/values.js';
import type { Binary } from 'bson';

export const SERVER_VERSION = '7.0.0';

/**
 * The handshake reply: the primary of a one-member replica set with sessions (logicalSessionTimeoutMinutes), so
 * drivers use retryable writes and causal consistency; without topologyVersion, so they poll instead of streaming
 * heartbeats (which the engine does not implement).
 */
function hello(ctx: CommandContext): Doc {
  const reply: Doc = {
    helloOk: true,
    ...replicaSetHello(ctx.engine),
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connection.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
  };
  if (ctx.name !== 'hello') reply.ismaster = true;
  return reply;
}

function buildInfo(): Doc {
  return {
    version: SERVER_VERSION,
    gitVersion: 'mercato-embedded-mongo',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['embedded'],
    modules: [],
    javascriptEngine: 'none',
    openssl: { running: 'disabled' },
  };
}

function serverStatus(ctx: CommandContext): Doc {
  const uptimeMs = Date.now() - ctx.engine.startedAt.getTime();
  return {
    host: hostname(),
    version: SERVER_VERSION,
    process: 'embedded-mongo',
    pid: process.pid,
    uptime: Math.floor(uptimeMs / 1000),
    uptimeMillis: uptimeMs,
    localTime: new Date(),
    storageEngine: { name: 'embedded', supportsCommittedReads: true, persistent: true },
    transactions: { currentActive: ctx.engine.txns.activeCount, ...ctx.engine.txns.retryStats },
    repl: replicaSetHello(ctx.engine),
    opcounters: ctx.engine.opCounters.toReply(),
    opcountersRepl: replicatedOpCounters(),
    metrics: { cursor: { open: { total: ctx.engine.cursors.size } } },
  };
}

function endSessions(ctx: CommandContext): Doc {
  const sessions = ctx.body[ctx.name];
  if (Array.isArray(sessions)) {
    for (const session of sessions) {
      if (isPlainObject(session) && isBinary(session.id)) {
        const id = session.id as Binary;
        const key = Buffer.from(id.buffer.subarray(0, id.position)).toString('hex');
        ctx.engine.txns.endSession(key);
        ctx.engine.cursors.closeSession(key);
      }
    }
  }
  return {};
}

/** Handshake, diagnostics and session commands (what drivers, mongosh and Compass send besides CRUD). */
export const handshakeCommands: CommandTable = {
  hello: { handler: hello },
  isMaster: { handler: hello },
  ismaster: { handler: hello },
  ping: { handler: () => ({}), inTransaction: true },
  buildInfo: { handler: buildInfo },
  buildinfo: { handler: buildInfo },
  serverStatus: { handler: serverStatus },
  hostInfo: {
    handler: () => ({
      system: { hostname: hostname(), currentTime: new Date() },
      os: { type: process.platform },
      extra: {},
    }),
  },
  whatsmyuri: { handler: (ctx) => ({ you: ctx.connection.remote }) },
  connectionStatus: {
    handler: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  },
  getCmdLineOpts: {
    handler: (ctx) => ({ argv: ['embedded-mongo'], parsed: { storage: { dbPath: ctx.engine.store.dir } } }),
  },
  getLog: {
    handler: (ctx) => (ctx.body.getLog === '*' ? { names: ['startupWarnings'] } : { totalLinesWritten: 0, log: [] }),
  },
  getParameter: {
    handler: (ctx) => {
      const reply: Doc = {};
      if (ctx.body.featureCompatibilityVersion !== undefined || ctx.body.getParameter === '*') {
        reply.featureCompatibilityVersion = { version: '7.0' };
      }
      return reply;
    },
  },
  endSessions: { handler: endSessions },
  killSessions: { handler: endSessions },
  refreshSessions: { handler: () => ({}) },
  getFreeMonitoringStatus: { handler: () => ({ state: 'disabled' }) },
};
