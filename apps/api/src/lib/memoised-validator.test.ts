import type { FastifySchemaCompiler } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { memoisedValidatorCompiler } from './memoised-validator.js';

const ZQuery = z.object({ page: z.coerce.number().int().min(1).default(1), q: z.string().optional() }).strict();

/** A zod validator compiler (as fastify-type-provider-zod's) that counts how often the schema runs. */
function countingCompiler() {
  const runs = { count: 0 };
  const compile: FastifySchemaCompiler<typeof ZQuery> =
    ({ schema }) =>
    (data: unknown) => {
      runs.count += 1;
      const result = schema.safeParse(data);
      return result.success ? { value: result.data } : { error: new Error(result.error.message) };
    };
  return { compile, runs };
}

const route = { schema: ZQuery, method: 'GET', url: '/x', httpPart: 'querystring' } as const;

describe('memoisedValidatorCompiler', () => {
  it('when the same input comes again, then the schema runs once and every request gets the same frozen value', () => {
    const { compile, runs } = countingCompiler();
    const validate = memoisedValidatorCompiler(compile)(route);
    const first = validate({ page: '2', q: 'lamp' }) as { value: { page: number } };
    const second = validate({ page: '2', q: 'lamp' }) as { value: { page: number } };
    expect(first.value).toEqual({ page: 2, q: 'lamp' });
    expect(second.value).toBe(first.value);
    expect(Object.isFrozen(first.value)).toBe(true);
    expect(runs.count).toBe(1);
    validate({ page: '3', q: 'lamp' });
    expect(runs.count).toBe(2);
  });

  it('when an input is rejected, then it is validated again next time (errors are not kept)', () => {
    const { compile, runs } = countingCompiler();
    const validate = memoisedValidatorCompiler(compile)(route);
    expect(validate({ page: '0' })).toHaveProperty('error');
    expect(validate({ page: '0' })).toHaveProperty('error');
    expect(runs.count).toBe(2);
  });

  it('when more distinct inputs arrive than it keeps, then the oldest are forgotten', () => {
    const { compile, runs } = countingCompiler();
    const validate = memoisedValidatorCompiler(compile, 2)(route);
    validate({ page: '1' });
    validate({ page: '2' });
    validate({ page: '3' });
    validate({ page: '3' });
    validate({ page: '2' });
    expect(runs.count).toBe(3);
    validate({ page: '1' });
    expect(runs.count).toBe(4);
  });
});
