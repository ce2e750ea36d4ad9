import type { FastifyRequest } from 'fastify';
import { isParams, type Params } from '../params.js';

/** The decoded parameters of a request: the form body for POST, the query string otherwise (as the SDK sends them). */
export function paramsOf(request: FastifyRequest): Params {
  const source = request.method === 'POST' ? request.body : request.query;
  return isParams(source) ? source : {};
}

/** The `:id` path parameter. */
export function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

/** Deep copy for responses, so callers never hold live state. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
