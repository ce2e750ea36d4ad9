import type { Socket } from 'node:net';
import type { Doc } from '../bson/values.js';
import { executeCommand, withClusterTime, type MemberReply } from '../commands/dispatch.js';
import { appNameOf, type FailBefore } from '../commands/fail-points.js';
import type { ConnectionInfo } from '../commands/context.js';
import type { Engine } from '../engine.js';
import { ErrorCode, MongoCommandError } from '../errors.js';
import { RepeatedFields } from './decode-command.js';
import { MessageFramer } from './framer.js';
import {
  OP_COMPRESSED,
  OP_MSG,
  OP_QUERY,
  encodeOpMsg,
  encodeOpReply,
  parseOpMsg,
  parseOpQuery,
  readHeader,
  type CommandRequest,
} from './messages.js';

const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);

/**
 * Serves one client socket: frames messages, runs them one at a time in arrival order (drivers never pipeline on a
 * connection), and answers OP_QUERY with OP_REPLY and OP_MSG with OP_MSG (nothing when the client set moreToCome).
 * A message that needs no waiting (a read) is answered within the socket's data event; one that waits (a write for
 * its journal record, a blocking failpoint) holds the messages after it until it has replied.
 */
export function serveConnection(engine: Engine, socket: Socket): void {
  const framer = new MessageFramer();
  const connection: ConnectionInfo = {
    id: engine.connectionId(),
    remote: `${socket.remoteAddress}:${socket.remotePort}`,
  };
  const repeated = new RepeatedFields();
  const waiting: Buffer[] = [];
  let busy = false;
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => {
    let messages: Buffer[];
    try {
      messages = framer.push(chunk);
    } catch (error) {
      engine.logger.warn(`closing connection ${connection.id}: ${(error as Error).message}`);
      socket.destroy();
      return;
    }
    for (const message of messages) waiting.push(message);
    if (!busy) drain();
  });
  socket.on('error', () => socket.destroy());

  /** Handles waiting messages in order until one has to wait; its completion resumes the rest. */
  function drain(): void {
    busy = true;
    while (waiting.length > 0) {
      const message = waiting.shift() as Buffer;
      let pending: Promise<void> | undefined;
      try {
        pending = handleMessage(message);
      } catch (error) {
        fail(error);
        return;
      }
      if (pending) {
        pending.then(drain, fail);
        return;
      }
    }
    busy = false;
  }

  /** A bug, not a command error (those become replies): the connection cannot go on in a known state. */
  function fail(error: unknown): void {
    engine.logger.error(`closing connection ${connection.id}: ${(error as Error)?.message ?? String(error)}`);
    waiting.length = 0;
    socket.destroy();
  }

  function handleMessage(message: Buffer): Promise<void> | undefined {
    if (socket.destroyed) return undefined;
    const header = readHeader(message);
    let request: CommandRequest;
    try {
      if (header.opCode === OP_MSG) request = parseOpMsg(message, header, repeated);
      else if (header.opCode === OP_QUERY) request = parseOpQuery(message, header);
      else {
        const what =
          header.opCode === OP_COMPRESSED ? 'compressed messages (none advertised)' : `opcode ${header.opCode}`;
        engine.logger.warn(`closing connection ${connection.id}: unsupported ${what}`);
        socket.destroy();
        return undefined;
      }
    } catch (error) {
      const reply =
        error instanceof MongoCommandError
          ? error.toReply()
          : { ok: 0, code: ErrorCode.FailedToParse, codeName: 'FailedToParse', errmsg: String(error) };
      send(header.opCode === OP_QUERY, reply, undefined, header.requestId);
      return undefined;
    }
    const name = Object.keys(request.body)[0] ?? '';
    if (request.legacy && !HANDSHAKE_COMMANDS.has(name)) {
      const reply = new MongoCommandError(
        ErrorCode.UnsupportedOpQueryCommand,
        `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
      ).toReply();
      respond(request, reply, undefined);
      return undefined;
    }
    if (HANDSHAKE_COMMANDS.has(name) && connection.appName === undefined) {
      connection.appName = appNameOf(request.body);
    }
    // Test failpoints (configureFailPoint): nothing unless one is set.
    const fault = engine.failPoints.before(name, request.body, request.db, connection);
    if (fault?.blockMs !== undefined) {
      return new Promise<void>((resume) => setTimeout(resume, fault.blockMs)).then(() => run(request, name, fault));
    }
    return run(request, name, fault);
  }

  function run(request: CommandRequest, name: string, fault: FailBefore | undefined): Promise<void> | undefined {
    if (fault?.close) {
      socket.destroy();
      return undefined;
    }
    if (fault?.reply) {
      const { doc, clusterTime } = withClusterTime(engine, fault.reply);
      respond(request, doc, clusterTime);
      return undefined;
    }
    const outcome = executeCommand(engine, request.body, request.db, connection);
    if (outcome instanceof Promise) return outcome.then((reply) => completed(request, name, reply));
    completed(request, name, outcome);
    return undefined;
  }

  function completed(request: CommandRequest, name: string, { doc, clusterTime }: MemberReply): void {
    // A command failed with errorCode never ran: a writeConcernError has no effect on it (as in mongod).
    engine.failPoints.after(name, request.body, request.db, connection, doc);
    respond(request, doc, clusterTime);
  }

  function respond(request: CommandRequest, reply: Doc, clusterTime: Uint8Array | undefined): void {
    if (!request.moreToCome) send(request.legacy, reply, clusterTime, request.header.requestId);
  }

  function send(legacy: boolean, reply: Doc, clusterTime: Uint8Array | undefined, responseTo: number): void {
    if (socket.destroyed) return;
    let bytes: Buffer;
    try {
      bytes = legacy ? encodeOpReply(reply, responseTo, clusterTime) : encodeOpMsg(reply, responseTo, clusterTime);
    } catch (error) {
      const fallback = new MongoCommandError(
        ErrorCode.BSONObjectTooLarge,
        `could not encode the reply: ${(error as Error).message}`,
      ).toReply();
      bytes = legacy ? encodeOpReply(fallback, responseTo) : encodeOpMsg(fallback, responseTo);
    }
    socket.write(bytes);
  }
}
