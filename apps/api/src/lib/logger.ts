import type { FastifyServerOptions } from 'fastify';
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
