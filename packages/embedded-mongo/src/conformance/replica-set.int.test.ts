import {
  Binary,
  MongoClient,
  MongoServerError,
  ObjectId,
  Timestamp,
  type CommandStartedEvent,
  type Document,
  type TopologyDescription,
} from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type ConformanceTarget, type Row } from './harness.test-support.js';

let target: ConformanceTarget;
let hello: Document;

beforeAll(async () => {
  target = await openTarget('replica-set');
  hello = await target.db.admin().command({ hello: 1 });
});

afterAll(async () => {
  await target.close();
});

/** A connection string to the primary as the replica set names it, with extra options. */
function uriTo(host: string, options = ''): string {
  return `mongodb://${host}/${target.db.databaseName}${options}`;
}

/** Connects, records the topology the driver ends up with, and runs a write and a read through it. */
async function connectAndUse(uri: string): Promise<{ topology: TopologyDescription; docs: number }> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  let topology: TopologyDescription | undefined;
  client.on('topologyDescriptionChanged', (event) => {
    topology = event.newDescription;
  });
  try {
    await client.connect();
    const coll = client.db(target.db.databaseName).collection<Row>('connect-variants');
    await coll.insertOne({ via: uri });
    const docs = await coll.countDocuments({ via: uri });
    return { topology: topology as TopologyDescription, docs };
  } finally {
    await client.close();
  }
}

describe('a one-member replica set (the primary answers hello)', () => {
  it('when hello is sent, then the primary names its replica set, itself as the only host, and its last write', () => {
    expect(typeof hello.setName).toBe('string');
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.secondary).toBe(false);
    expect(hello.primary).toBe(hello.me);
    expect(hello.hosts).toContain(hello.me);
    expect(typeof hello.setVersion).toBe('number');
    expect(hello.electionId).toBeInstanceOf(ObjectId);
    expect(hello.lastWrite.opTime.ts).toBeInstanceOf(Timestamp);
    expect(hello.lastWrite.lastWriteDate).toBeInstanceOf(Date);
    expect(hello.lastWrite.majorityOpTime.ts).toBeInstanceOf(Timestamp);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    if (!target.external) {
      expect(hello.setName).toBe('rs0');
      expect(hello.hosts).toEqual([new URL(target.uri).host]);
      // No streaming heartbeats: without topologyVersion the driver polls hello instead.
      expect(hello).not.toHaveProperty('topologyVersion');
    }
  });

  it('when the legacy isMaster is sent, then it reports the same replica set', async () => {
    const reply = await target.db.admin().command({ isMaster: 1 });
    expect(reply).toMatchObject({ ismaster: true, setName: hello.setName, primary: hello.primary });
  });

  it('when a plain connection string names the primary, then the driver discovers a replica set with a primary', async () => {
    const { topology, docs } = await connectAndUse(uriTo(hello.primary));
    expect(topology.type).toBe('ReplicaSetWithPrimary');
    expect(topology.setName).toBe(hello.setName);
    expect([...topology.servers.values()].find((s) => s.address === hello.primary)?.type).toBe('RSPrimary');
    expect(docs).toBe(1);
  });

  it('when the connection string names the replica set, then the driver connects to its primary', async () => {
    const { topology, docs } = await connectAndUse(uriTo(hello.primary, `?replicaSet=${hello.setName}`));
    expect(topology.type).toBe('ReplicaSetWithPrimary');
    expect(docs).toBe(1);
  });

  it('when the connection string asks for a direct connection, then the driver talks to that one member', async () => {
    const { topology, docs } = await connectAndUse(uriTo(hello.primary, '?directConnection=true'));
    expect(topology.type).toBe('Single');
    expect([...topology.servers.values()][0]?.type).toBe('RSPrimary');
    expect(docs).toBe(1);
  });

  it('when a client connects by another name for the same address, then it follows the member list to the primary', async () => {
    // Engine only: it listens on 127.0.0.1 and names itself so; a client saying localhost is redirected there.
    if (target.external || !String(hello.primary).startsWith('127.0.0.1:')) return;
    const alias = String(hello.primary).replace('127.0.0.1', 'localhost');
    const { topology, docs } = await connectAndUse(uriTo(alias));
    expect(topology.type).toBe('ReplicaSetWithPrimary');
    expect([...topology.servers.keys()]).toEqual([hello.primary]);
    expect(docs).toBe(1);
  });

  it('when the connection string names another replica set, then no server is selected', async () => {
    const client = new MongoClient(uriTo(hello.primary, '?replicaSet=not-this-set'), {
      serverSelectionTimeoutMS: 1500,
    });
    try {
      await expect(client.db('admin').command({ ping: 1 })).rejects.toThrow(/selection|timed out/i);
    } finally {
      await client.close();
    }
  });

  it('when replSetGetStatus is sent, then the member answering is a healthy PRIMARY', async () => {
    const status = await target.db.admin().command({ replSetGetStatus: 1 });
    expect(status.set).toBe(hello.setName);
    expect(status.myState).toBe(1);
    const primary = (status.members as Document[]).filter((m) => m.stateStr === 'PRIMARY');
    expect(primary).toHaveLength(1);
    expect(primary[0]).toMatchObject({ name: hello.primary, health: 1, state: 1, self: true });
    expect(primary[0]?.optime.ts).toBeInstanceOf(Timestamp);
  });

  it('when replSetGetConfig is sent, then the configuration lists the primary as a member', async () => {
    const { config } = await target.db.admin().command({ replSetGetConfig: 1 });
    expect(config._id).toBe(hello.setName);
    expect((config.members as Document[]).map((m) => m.host)).toContain(hello.primary);
  });

  it('when replSetGetStatus is sent to another database, then it is refused', async () => {
    const error = (await target.db.command({ replSetGetStatus: 1 }).catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(13);
  });

  it('when the driver writes, then single-document writes carry a txnNumber (retryable) and multi-document ones do not', async () => {
    const client = await target.newClient({ monitorCommands: true });
    const started: CommandStartedEvent[] = [];
    client.on('commandStarted', (event) => started.push(event));
    const coll = client.db(target.db.databaseName).collection<Row>('retryable-detect');
    await coll.insertOne({ k: 1 });
    await coll.updateOne({ k: 1 }, { $set: { v: 1 } });
    await coll.updateMany({}, { $set: { w: 1 } });
    const txnNumbers = started
      .filter((e) => ['insert', 'update'].includes(e.commandName))
      .map((e) => e.command.txnNumber !== undefined);
    expect(txnNumbers).toEqual([true, true, false]);
  });
});

describe('cluster time and causal consistency', () => {
  it('when any command replies, then it carries operationTime and an unsigned $clusterTime', async () => {
    const reply = await target.db.command({ ping: 1 });
    expect(reply.operationTime).toBeInstanceOf(Timestamp);
    expect(reply.$clusterTime.clusterTime).toBeInstanceOf(Timestamp);
    expect(reply.$clusterTime.signature.hash).toBeInstanceOf(Binary);
    expect((reply.$clusterTime.signature.hash as Binary).length()).toBe(20);
    expect(reply.$clusterTime.signature).toHaveProperty('keyId');
  });

  it('when a command fails, then the error reply carries operationTime and $clusterTime too', async () => {
    const error = (await target.db.command({ frobnicate: 1 }).catch((e: unknown) => e)) as MongoServerError;
    expect(error.errorResponse.operationTime).toBeInstanceOf(Timestamp);
    expect(error.errorResponse.$clusterTime?.clusterTime).toBeInstanceOf(Timestamp);
  });

  it('when writes follow each other, then each advances the operation time', async () => {
    const session = target.client.startSession();
    try {
      const coll = target.db.collection<Row>('clock');
      const times: Timestamp[] = [];
      for (let i = 0; i < 3; i++) {
        await coll.insertOne({ i }, { session });
        times.push(session.operationTime as Timestamp);
      }
      expect(times[1]?.greaterThan(times[0] as Timestamp)).toBe(true);
      expect(times[2]?.greaterThan(times[1] as Timestamp)).toBe(true);
      const clusterTime = session.clusterTime?.clusterTime as Timestamp;
      expect(clusterTime.greaterThanOrEqual(times[2] as Timestamp)).toBe(true);
    } finally {
      await session.endSession();
    }
  });

  it('when a causally consistent session reads after its write, then the read waits for that write and sees it', async () => {
    const client = await target.newClient({ monitorCommands: true });
    const started: CommandStartedEvent[] = [];
    client.on('commandStarted', (event) => started.push(event));
    const coll = client.db(target.db.databaseName).collection<Row>('causal');
    const session = client.startSession({ causalConsistency: true });
    try {
      await coll.insertOne({ _id: 'written' as never }, { session });
      const written = session.operationTime as Timestamp;
      const found = await coll.findOne({ _id: 'written' as never }, { session });
      expect(found).toEqual({ _id: 'written' });
      const find = started.find((e) => e.commandName === 'find');
      expect(find?.command.readConcern?.afterClusterTime).toEqual(written);
    } finally {
      await session.endSession();
    }
  });

  it('when a read asks for a cluster time the server has already reached, then it is answered', async () => {
    const { operationTime } = await target.db.command({ ping: 1 });
    const reply = await target.db.command({
      find: 'causal',
      filter: {},
      readConcern: { afterClusterTime: operationTime },
    });
    expect(reply.ok).toBe(1);
  });

  it('when a snapshot session reads outside a transaction, then MongoDB answers and the engine refuses naming snapshot reads', async () => {
    await target.db.collection<Row>('snapshot').insertOne({ s: 1 });
    const session = target.client.startSession({ snapshot: true });
    try {
      const outcome = await target.db
        .collection<Row>('snapshot')
        .find({}, { session })
        .toArray()
        .then(
          (docs) => ({ docs }),
          (error: unknown) => ({ error: error as MongoServerError }),
        );
      if (target.external) expect('docs' in outcome && outcome.docs).toHaveLength(1);
      else expect('error' in outcome && outcome.error.message).toContain('snapshot reads');
    } finally {
      await session.endSession();
    }
  });

  it('when a read asks for a cluster time in the future, then it fails with InvalidOptions', async () => {
    const future = new Timestamp({ t: Math.floor(Date.now() / 1000) + 3600, i: 1 });
    const error = (await target.db
      .command({ find: 'causal', filter: {}, readConcern: { afterClusterTime: future } })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(72);
  });
});
