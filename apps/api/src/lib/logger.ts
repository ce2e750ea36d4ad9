import type { FastifyServerOptions } from 'fastify';
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
    ...(isPretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}
