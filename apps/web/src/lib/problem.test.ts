import { ZProblemSchema } from '@mercato/shared';
import { describe, expect, it } from 'vitest';
import { readProblem } from './problem.js';

const problem = {
  type: 'https://mercato.dev/problems/validation-failed',
  title: 'Bad Request',
  status: 400,
  code: 'VALIDATION_FAILED',
};

// readProblem stands in for ZProblemSchema in the browser (which would bring zod into the first-load bundle): each
// sample must be accepted or refused by both, with the same result.
const SAMPLES: Array<[string, unknown]> = [
  ['the minimal problem', problem],
  [
    'a problem with every optional member',
    {
      ...problem,
      detail: 'Check the fields.',
      instance: '/api/cart',
      requestId: 'req-1',
      errors: [{ path: 'body.email', message: 'must be a valid email address' }],
      meta: { available: 2 },
    },
  ],
  ['a problem with an empty errors list', { ...problem, errors: [] }],
  ['null', null],
  ['an array', [problem]],
  ['a proxy error page', '<html>502</html>'],
  ['no code', { ...problem, code: undefined }],
  ['a numeric code', { ...problem, code: 400 }],
  ['a status that is not a whole number', { ...problem, status: 400.5 }],
  ['a status as a string', { ...problem, status: '400' }],
  ['no title', { ...problem, title: undefined }],
  ['a detail that is not text', { ...problem, detail: 42 }],
  ['errors that are not a list', { ...problem, errors: 'bad' }],
  ['an error without a message', { ...problem, errors: [{ path: 'body.email' }] }],
  ['meta that is not an object', { ...problem, meta: 'x' }],
];

describe('readProblem', () => {
  it.each(SAMPLES)('when the body is %s, then it agrees with ZProblemSchema', (_name, sample) => {
    const expected = ZProblemSchema.safeParse(sample);
    const actual = readProblem(sample);
    if (expected.success) expect(actual).toEqual(expected.data);
    else expect(actual).toBeNull();
  });

  it('when the code is one this build does not know (a newer API), then the problem is still read', () => {
    expect(readProblem({ ...problem, code: 'GIFT_CARD_EXPIRED', detail: 'This gift card expired.' })).toMatchObject({
      code: 'GIFT_CARD_EXPIRED',
      detail: 'This gift card expired.',
    });
  });

  it('when the body has unknown members, then they are left out', () => {
    expect(readProblem({ ...problem, stack: 'secret' })).toEqual(problem);
  });
});
