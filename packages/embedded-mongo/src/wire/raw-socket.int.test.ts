import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../index.js';

// The bytes a driver or an old shell puts on the socket, built here by hand (not with the engine's own encoders), so
// the test pins the wire format itself. Engine only: it talks to the in-process engine, never to an external server.

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

let engine: EmbeddedMongo;
let socket: Socket;
let requestId = 100;
let pending: Buffer = Buffer.alloc(0);
let waiting: ((message: Buffer) => void) | undefined;

function header(length: number, opCode: number, id: number): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(id, 4);
  buffer.writeInt32LE(0, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

function cString(value: string): Buffer {
  return Buffer.concat([Buffer.from(value, 'utf8'), Buffer.from([0])]);
}

function opQuery(ns: string, query: Document, id: number): Buffer {
  const flags = Buffer.alloc(4);
  const skipAndReturn = Buffer.alloc(8);
  skipAndReturn.writeInt32LE(-1, 4); // numberToReturn -1: one document, as drivers send the handshake
  const rest = Buffer.concat([flags, cString(ns), skipAndReturn, serialize(query)]);
  return Buffer.concat([header(16 + rest.length, OP_QUERY, id), rest]);
}

function opMsg(body: Document, id: number, sequences: Array<[string, Document[]]> = []): Buffer {
  const parts: Uint8Array[] = [Buffer.alloc(4), Buffer.from([0]), serialize(body)];
  for (const [name, docs] of sequences) {
    const payload = Buffer.concat([cString(name), ...docs.map((doc) => serialize(doc))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + payload.length, 0);
    parts.push(Buffer.from([1]), size, payload);
  }
  const rest = Buffer.concat(parts);
  return Buffer.concat([header(16 + rest.length, OP_MSG, id), rest]);
}

function takeMessage(): Buffer | undefined {
  if (pending.length < 4) return undefined;
  const length = pending.readInt32LE(0);
  if (pending.length < length) return undefined;
  const message = pending.subarray(0, length);
  pending = pending.subarray(length);
  return message;
}

function roundTrip(message: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply within 5 s')), 5000);
    waiting = (reply) => {
      clearTimeout(timer);
      resolve(reply);
    };
    socket.write(message);
  });
}

interface Reply {
  opCode: number;
  responseTo: number;
  docs: Document[];
}

function parseReply(message: Buffer): Reply {
  const opCode = message.readInt32LE(12);
  const responseTo = message.readInt32LE(8);
  if (opCode === OP_REPLY) {
    const numberReturned = message.readInt32LE(32);
    const docs: Document[] = [];
    let at = 36;
    for (let i = 0; i < numberReturned; i++) {
      const size = message.readInt32LE(at);
      docs.push(deserialize(message.subarray(at, at + size)));
      at += size;
    }
    return { opCode, responseTo, docs };
  }
  expect(message.readUInt8(20)).toBe(0); // a single kind-0 body section
  return { opCode, responseTo, docs: [deserialize(message.subarray(21))] };
}

async function send(message: Buffer): Promise<Reply> {
  return parseReply(await roundTrip(message));
}

beforeAll(async () => {
  engine = await startEmbeddedMongo({});
  const { port, hostname } = new URL(engine.uri);
  socket = connect({ port: Number(port), host: hostname });
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let message = takeMessage(); message; message = takeMessage()) {
      const resolve = waiting;
      waiting = undefined;
      resolve?.(message);
    }
  });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
});

afterAll(async () => {
  socket?.destroy();
  await engine?.stop();
});

describe('wire protocol on a raw socket', () => {
  it('when a legacy OP_QUERY isMaster is sent to admin.$cmd, then the answer is an OP_REPLY to that request', async () => {
    const id = ++requestId;
    const reply = await send(opQuery('admin.$cmd', { isMaster: 1, client: { driver: { name: 'raw' } } }, id));
    expect(reply.opCode).toBe(OP_REPLY);
    expect(reply.responseTo).toBe(id);
    expect(reply.docs).toHaveLength(1);
    expect(reply.docs[0]).toMatchObject({ ismaster: true, ok: 1 });
    expect(reply.docs[0]?.maxWireVersion).toBeGreaterThanOrEqual(9);
  });

  it('when hello is sent as OP_MSG, then the replica-set primary reply has sessions and no topologyVersion', async () => {
    const id = ++requestId;
    const reply = await send(opMsg({ hello: 1, $db: 'admin' }, id));
    expect(reply.opCode).toBe(OP_MSG);
    expect(reply.responseTo).toBe(id);
    const hello = reply.docs[0] as Document;
    expect(hello).toMatchObject({ isWritablePrimary: true, ok: 1 });
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello).not.toHaveProperty('topologyVersion');
    expect(hello).toMatchObject({ setName: 'rs0', hosts: [`127.0.0.1:${new URL(engine.uri).port}`] });
  });

  it('when an insert carries its documents as a kind-1 sequence, then every document is parsed and stored', async () => {
    const docs = [
      { _id: 1, name: 'a' },
      { _id: 2, name: 'b' },
      { _id: 3, name: 'c' },
    ];
    const inserted = await send(
      opMsg({ insert: 'raw', ordered: true, $db: 'wire' }, ++requestId, [['documents', docs]]),
    );
    expect(inserted.docs[0]).toMatchObject({ n: 3, ok: 1 });
    const found = await send(opMsg({ find: 'raw', filter: {}, sort: { _id: 1 }, $db: 'wire' }, ++requestId));
    expect(found.docs[0]?.cursor.firstBatch).toEqual(docs);
  });

  it('when an update carries two statements as a kind-1 sequence, then both are applied', async () => {
    const updates = [
      { q: { _id: 1 }, u: { $set: { name: 'A' } } },
      { q: { _id: 2 }, u: { $set: { name: 'B' } } },
    ];
    const updated = await send(opMsg({ update: 'raw', $db: 'wire' }, ++requestId, [['updates', updates]]));
    expect(updated.docs[0]).toMatchObject({ n: 2, nModified: 2, ok: 1 });
    const found = await send(opMsg({ find: 'raw', filter: { _id: { $lte: 2 } }, $db: 'wire' }, ++requestId));
    expect(found.docs[0]?.cursor.firstBatch.map((d: Document) => d.name)).toEqual(['A', 'B']);
  });
});
