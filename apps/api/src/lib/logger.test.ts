import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger } from './logger.js';

const ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** A parent logger at `level` that records the children it makes and what they write. */
function parentAt(level: string) {
  const lines: Array<{ level: string; bindings: unknown; args: unknown[] }> = [];
  const children: unknown[] = [];
  const loggerWith = (bindings: unknown): FastifyBaseLogger => {
    const log =
      (name: string) =>
      (...args: unknown[]) =>
        void lines.push({ level: name, bindings, args });
    return {
      level,
      fatal: log('fatal'),
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      trace: log('trace'),
      silent: () => undefined,
      child: vi.fn((more: unknown) => {
        children.push(more);
        return loggerWith(more);
      }),
    } as unknown as FastifyBaseLogger;
  };
  const parent = Object.assign(loggerWith(undefined), {
    isLevelEnabled: (name: string) => ORDER.indexOf(name) >= ORDER.indexOf(level),
  });
  return { parent, lines, children };
}

describe('lazyChildLogger', () => {
  it('when nothing at an enabled level is logged, then no child logger is made', () => {
    const { parent, lines, children } = parentAt('warn');
    const log = lazyChildLogger.call(undefined as never, parent, { reqId: 'r1' }, {}, undefined as never);
    log.info({ req: {} }, 'incoming request');
    log.debug('details');
    expect(children).toEqual([]);
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it('when a line is written, then it goes through a child bound to the request, made once', () => {
    const { parent, lines, children } = parentAt('warn');
    const log = lazyChildLogger.call(undefined as never, parent, { reqId: 'r2' }, {}, undefined as never);
    log.error({ err: 'boom' }, 'unhandled error');
    log.warn('again');
    expect(children).toEqual([{ reqId: 'r2' }]);
    expect(lines).toEqual([
      { level: 'error', bindings: { reqId: 'r2' }, args: [{ err: 'boom' }, 'unhandled error'] },
      { level: 'warn', bindings: { reqId: 'r2' }, args: ['again'] },
    ]);
  });

  it('when a route has a log level of its own, then the child is made at once with it', () => {
    const { parent, children } = parentAt('warn');
    lazyChildLogger.call(undefined as never, parent, { reqId: 'r3' }, { level: 'debug' }, undefined as never);
    expect(children).toEqual([{ reqId: 'r3' }]);
  });
});
