import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/load-config.js';

export const REFRESH_COOKIE = 'mercato_rt';
/** Scoped to the auth routes: the refresh token is never sent with ordinary API or page requests. */
const COOKIE_PATH = '/api/auth';

export function setRefreshCookie(reply: FastifyReply, config: Config, token: string): void {
  void reply.setCookie(REFRESH_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: config.isHttps,
    maxAge: config.REFRESH_TOKEN_TTL_DAYS * 24 * 60 * 60,
  });
}

export function clearRefreshCookie(reply: FastifyReply, config: Config): void {
  void reply.clearCookie(REFRESH_COOKIE, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: config.isHttps,
  });
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  return request.cookies[REFRESH_COOKIE];
}

export function clientInfo(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? 'unknown') };
}
