import type { Socket } from 'node:net';
import type { Doc } from '../bson/values.js';
import { executeCommand, withClusterTime } from '../commands/dispatch.js';
import { appNameOf } from '../commands/fail-points.js';
import type { ConnectionInfo } from '../commands/context.js';
import type { Engine } from '../engine.js';
import { ErrorCode, MongoCommandError } from '../errors.js';
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
 */
export function serveConnection(engine: Engine, socket: Socket): void {
  const framer = new MessageFramer();
  const connection: ConnectionInfo = {
    id: engine.connectionId(),
    remote: `${socket.remoteAddress}:${socket.remotePort}`,
  };
  let queue: Promise<void> = Promise.resolve();
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
    for (const message of messages) queue = queue.then(() => handleMessage(message));
  });
  socket.on('error', () => socket.destroy());

  async function handleMessage(message: Buffer): Promise<void> {
    if (socket.destroyed) return;
    const header = readHeader(message);
    let request: CommandRequest;
    try {
      if (header.opCode === OP_MSG) request = parseOpMsg(message, header);
      else if (header.opCode === OP_QUERY) request = parseOpQuery(message, header);
      else {
        const what =
          header.opCode === OP_COMPRESSED ? 'compressed messages (none advertised)' : `opcode ${header.opCode}`;
        engine.logger.warn(`closing connection ${connection.id}: unsupported ${what}`);
        socket.destroy();
        return;
      }
    } catch (error) {
      const reply =
        error instanceof MongoCommandError
          ? error.toReply()
          : { ok: 0, code: ErrorCode.FailedToParse, codeName: 'FailedToParse', errmsg: String(error) };
      send(header.opCode === OP_QUERY, reply, header.requestId);
      return;
    }
    const name = Object.keys(request.body)[0] ?? '';
    let reply: Doc;
    if (request.legacy && !HANDSHAKE_COMMANDS.has(name)) {
      reply = new MongoCommandError(
        ErrorCode.UnsupportedOpQueryCommand,
        `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
      ).toReply();
    } else {
      if (HANDSHAKE_COMMANDS.has(name) && connection.appName === undefined) {
        connection.appName = appNameOf(request.body);
      }
      // Test failpoints (configureFailPoint): nothing unless one is set.
      const fault = engine.failPoints.before(name, request.body, request.db, connection);
      if (fault?.blockMs !== undefined) await new Promise((resume) => setTimeout(resume, fault.blockMs));
      if (fault?.close) {
        socket.destroy();
        return;
      }
      if (fault?.reply) reply = withClusterTime(engine, fault.reply);
      else {
        reply = await executeCommand(engine, request.body, request.db, connection);
        // A command failed with errorCode never ran: a writeConcernError has no effect on it (as in mongod).
        engine.failPoints.after(name, request.body, request.db, connection, reply);
      }
    }
    if (!request.moreToCome) send(request.legacy, reply, header.requestId);
  }

  function send(legacy: boolean, reply: Doc, responseTo: number): void {
    if (socket.destroyed) return;
    let bytes: Buffer;
    try {
      bytes = legacy ? encodeOpReply(reply, responseTo) : encodeOpMsg(reply, responseTo);
    } catch (error) {
      const fallback = new MongoCommandError(
        ErrorCode.BSONObjectTooLarge,
        `could not encode the reply: ${(error as Error).message}`,
      );
      bytes = legacy ? encodeOpReply(fallback.toReply(), responseTo) : encodeOpMsg(fallback.toReply(), responseTo);
    }
    socket.write(bytes);
  }
}
