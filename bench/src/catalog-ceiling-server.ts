// The ceiling for the catalog benchmark: a bare Fastify server, in its own process like the API, answering the
// storefront routes with the exact JSON bytes the API produced for each URL (read from a file), and nothing else:
// no validation, no hooks, no Redis, no database. Whatever separates the API from this is the price of its work.
// With a headers file it also sends, per URL, the headers the API sent (security headers, ETag, Vary, …; a fresh
// request id each time): the same bytes on the wire, headers included, so what remains between the API and it is
// the API's own work, not the size of its answer.
// Usage: node --import tsx bench/src/catalog-ceiling-server.ts <bodies.json> <port> [headers.json]
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const [bodiesFile, portArgument, headersFile] = process.argv.slice(2);
if (!bodiesFile || !portArgument)
  throw new Error('usage: catalog-ceiling-server.ts <bodies.json> <port> [headers.json]');
const bodies = new Map(Object.entries(JSON.parse(await readFile(bodiesFile, 'utf8')) as Record<string, string>));
const headers = headersFile
  ? new Map(Object.entries(JSON.parse(await readFile(headersFile, 'utf8')) as Record<string, Record<string, string>>))
  : undefined;

const app = Fastify({ logger: false });
const answer = async (request: FastifyRequest, reply: FastifyReply) => {
  const body = bodies.get(request.url);
  if (body === undefined) return reply.code(404).send({ message: 'not recorded' });
  const recorded = headers?.get(request.url);
  if (recorded) void reply.headers(recorded).header('x-request-id', randomUUID());
  return reply.type('application/json; charset=utf-8').send(body);
};
app.get('/api/products', answer);
app.get('/api/products/featured', answer);
app.get('/api/products/:slug', answer);
app.get('/api/health', async () => ({ status: 'ok' }));

const close = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', close);
process.once('SIGINT', close);
await app.listen({ host: '127.0.0.1', port: Number(portArgument) });
console.log(`ceiling listening on ${portArgument}`);
