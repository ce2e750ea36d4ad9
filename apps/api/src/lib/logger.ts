import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';
import type { Config } from '../config/load-config.js';

/** Structured JSON logs in production, pretty lines in development; secrets and personal data are redacted. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const isPretty = (config.LOG_FORMAT ?? (config.NODE_ENV === 'development' ? 'pretty' : 'json')) === 'pretty';
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        '*.refreshToken',
      ],
      censor: '[redacted]',
    },
    // In-process, not a pino transport: a transport's worker thread holds the exit up to 20 s (thread-stream's flush
    // timeouts) once stdout is a broken pipe, as after the launcher was killed.
    ...(isPretty ? { stream: pretty({ translateTime: 'HH:MM:ss', ignore: 'pid,hostname', sync: true }) } : {}),
  };
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogArgs = Parameters<FastifyBaseLogger['info']>;
type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;

/**
 * A request's logger that becomes a real child logger on the first line actually written; until then each call
 * only asks the parent whether the level is enabled. One small object per request, methods on the prototype.
 */
class LazyChildLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean },
    private readonly bindings: Parameters<ChildLoggerFactory>[1],
    private readonly options: Parameters<ChildLoggerFactory>[2],
  ) {}

  private real(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  private write(level: Level, args: LogArgs): void {
    if (this.made === undefined && this.parent.isLevelEnabled?.(level) === false) return;
    (this.real()[level] as (...all: LogArgs) => void)(...args);
  }

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  fatal(...args: LogArgs): void {
    this.write('fatal', args);
  }

  error(...args: LogArgs): void {
    this.write('error', args);
  }

  warn(...args: LogArgs): void {
    this.write('warn', args);
  }

  info(...args: LogArgs): void {
    this.write('info', args);
  }

  debug(...args: LogArgs): void {
    this.write('debug', args);
  }

  trace(...args: LogArgs): void {
    this.write('trace', args);
  }

  silent(): void {}

  child(...args: Parameters<FastifyBaseLogger['child']>): FastifyBaseLogger {
    return this.real().child(...args);
  }
}

/**
 * Fastify gives every request a child logger bound to its request id. Made eagerly, with redaction configured,
 * pino redacts and serialises those bindings on every request (a few per cent of a cached catalog read) for a
 * logger that, at the usual `warn` level, almost never writes a line. This one is made on the first line written.
 * A route with a level of its own gets a real child at once.
 */
export const lazyChildLogger: ChildLoggerFactory = (parent, bindings, options) =>
  options.level === undefined ? new LazyChildLogger(parent, bindings, options) : parent.child(bindings, options);
