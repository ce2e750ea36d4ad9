import { Long, ObjectId, Timestamp } from 'bson';
import type { Doc } from '../bson/values.js';
import type { Engine } from '../engine.js';
import { ErrorCode, fail } from '../errors.js';
import type { CommandContext, CommandTable } from './context.js';

/**
 * The engine is the primary of a one-member replica set, so drivers use the replica-set code paths production uses
 * (retryable writes, causal consistency, replica-set discovery). One node is never re-elected: the term stays 1 and the
 * election id is constant, which drivers accept across restarts (an election id never goes backwards).
 */
const TERM = Long.fromNumber(1);
const ELECTION_ID = ObjectId.createFromHexString('7fffffff0000000000000001');

function opTime(ts: Timestamp): Doc {
  return { ts, t: TERM };
}

/** The replica-set fields of `hello`/`isMaster` (no `topologyVersion`: the engine does not stream heartbeats). */
export function replicaSetHello(engine: Engine): Doc {
  const { clock } = engine;
  return {
    hosts: [engine.address],
    setName: engine.options.replSetName,
    setVersion: 1,
    isWritablePrimary: true,
    secondary: false,
    primary: engine.address,
    me: engine.address,
    electionId: ELECTION_ID,
    lastWrite: {
      opTime: opTime(clock.operationTime),
      lastWriteDate: clock.lastWriteDate,
      majorityOpTime: opTime(clock.operationTime),
      majorityWriteDate: clock.lastWriteDate,
    },
  };
}

function requireAdmin(ctx: CommandContext): void {
  if (ctx.db !== 'admin') fail(ErrorCode.Unauthorized, `${ctx.name} may only be run against the admin database.`);
}

/** rs.status(): the one member, healthy and PRIMARY. */
function replSetGetStatus(ctx: CommandContext): Doc {
  requireAdmin(ctx);
  const { clock, startedAt } = ctx.engine;
  const now = new Date();
  const applied = opTime(clock.operationTime);
  const wall = clock.lastWriteDate;
  return {
    set: ctx.engine.options.replSetName,
    date: now,
    myState: 1,
    term: TERM,
    syncSourceHost: '',
    syncSourceId: -1,
    heartbeatIntervalMillis: Long.fromNumber(2000),
    majorityVoteCount: 1,
    writeMajorityCount: 1,
    votingMembersCount: 1,
    writableVotingMembersCount: 1,
    optimes: {
      lastCommittedOpTime: applied,
      lastCommittedWallTime: wall,
      readConcernMajorityOpTime: applied,
      appliedOpTime: applied,
      durableOpTime: applied,
      lastAppliedWallTime: wall,
      lastDurableWallTime: wall,
    },
    members: [
      {
        _id: 0,
        name: ctx.engine.address,
        health: 1,
        state: 1,
        stateStr: 'PRIMARY',
        uptime: Math.floor((now.getTime() - startedAt.getTime()) / 1000),
        optime: applied,
        optimeDate: wall,
        lastAppliedWallTime: wall,
        lastDurableWallTime: wall,
        syncSourceHost: '',
        syncSourceId: -1,
        infoMessage: '',
        electionTime: new Timestamp({ t: Math.floor(startedAt.getTime() / 1000), i: 1 }),
        electionDate: startedAt,
        configVersion: 1,
        configTerm: 1,
        self: true,
        lastHeartbeatMessage: '',
      },
    ],
  };
}

/** rs.conf(): one voting member at the address clients connect to. */
function replSetGetConfig(ctx: CommandContext): Doc {
  requireAdmin(ctx);
  return {
    config: {
      _id: ctx.engine.options.replSetName,
      version: 1,
      term: 1,
      members: [
        {
          _id: 0,
          host: ctx.engine.address,
          arbiterOnly: false,
          buildIndexes: true,
          hidden: false,
          priority: 1,
          tags: {},
          secondaryDelaySecs: Long.fromNumber(0),
          votes: 1,
        },
      ],
      protocolVersion: Long.fromNumber(1),
      writeConcernMajorityJournalDefault: true,
      settings: {
        chainingAllowed: true,
        heartbeatIntervalMillis: 2000,
        heartbeatTimeoutSecs: 10,
        electionTimeoutMillis: 10000,
        catchUpTimeoutMillis: -1,
        catchUpTakeoverDelayMillis: 30000,
        getLastErrorModes: {},
        getLastErrorDefaults: { w: 1, wtimeout: 0 },
        replicaSetId: ObjectId.createFromTime(Math.floor(ctx.engine.startedAt.getTime() / 1000)),
      },
    },
  };
}

/** The replica-set commands shells and Compass send (rs.status(), rs.conf(), rs.initiate()). */
export const replicaSetCommands: CommandTable = {
  replSetGetStatus: { handler: replSetGetStatus },
  replSetGetConfig: { handler: replSetGetConfig },
  replSetInitiate: {
    handler: (ctx) => {
      requireAdmin(ctx);
      return fail(ErrorCode.AlreadyInitialized, 'already initialized');
    },
  },
};
