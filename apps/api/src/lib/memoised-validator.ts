import type { FastifySchemaCompiler } from 'fastify';

/**
 * Wraps a validator compiler so each compiled validator remembers what it made of the inputs it accepted, keyed
 * by the input's JSON (a querystring or path parameters as Fastify parsed them, so one entry per distinct raw
 * query): a storefront sees the same few hundred queries over and over, and re-running the schema on each is
 * wasted work on the cached path. At most `maxEntries` per validator (the oldest go first). Only successes are
 * kept (a rejected input is validated again, and its error built afresh); the remembered value is frozen, since
 * every request with that input gets the same object.
 */
export function memoisedValidatorCompiler<S>(
  compile: FastifySchemaCompiler<S>,
  maxEntries = 1_000,
): FastifySchemaCompiler<S> {
  return (route) => {
    const validate = compile(route);
    const accepted = new Map<string, { value: unknown }>();
    return (data: unknown) => {
      const key = JSON.stringify(data) ?? '';
      const known = accepted.get(key);
      if (known) return known;
      const result = validate(data);
      if (result === true || typeof result !== 'object' || result === null || !('value' in result)) return result;
      if ('error' in result && result.error) return result;
      const value = result.value;
      const kept = { value: value !== null && typeof value === 'object' ? Object.freeze(value) : value };
      if (accepted.size >= maxEntries) accepted.delete(accepted.keys().next().value ?? '');
      accepted.set(key, kept);
      return kept;
    };
  };
}
