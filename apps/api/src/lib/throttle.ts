import type { FastifyBaseLogger } from 'fastify';
import { createHmac, hkdfSync } from 'node:crypto';
import { AppError } from './app-error.js';
import type { RedisClient } from './redis-client.js';

const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Redis-backed throttling for sensitive endpoints. Counters are fixed windows (INCR + EXPIRE NX in one MULTI),
 * shared by every API instance. If Redis is unreachable the check is skipped and logged: an outage must not lock
 * every shopper out, and bcrypt's cost still bounds guessing speed.
 *
 * Keys never carry the email or IP they count, only a keyed hash of it (HMAC-SHA-256 under a key derived from
 * `secret`), so Redis holds no personal data and a dump of it cannot be checked against a list of addresses.
 *
 * Every MULTI touches one key, and an account's failure counter and lock share a hash tag (`{digest}`) so the
 * command that clears both stays in one Redis Cluster slot.
 */
export function createThrottle(redis: RedisClient, log: FastifyBaseLogger, secret: string) {
  const hashKey = Buffer.from(hkdfSync('sha256', secret, '', 'mercato:throttle-keys', 32));
  const digest = (value: string) => createHmac('sha256', hashKey).update(value).digest('base64url').slice(0, 22);
  const tooMany = (retryAfter: number, detail: string) => {
    const seconds = Math.max(1, retryAfter);
    return new AppError('RATE_LIMITED', detail, {
      headers: { 'retry-after': String(seconds) },
      meta: { retryAfterSeconds: seconds },
    });
  };

  return {
    /**
     * Counts one hit by `subject` (an IP, an email, an account id) on `scope` (e.g. `login:ip`); throws
     * RATE_LIMITED (429 + Retry-After) once `limit` is exceeded in the window.
     */
    async hit(scope: string, subject: string, limit: number, windowSeconds: number): Promise<void> {
      const key = `${scope}:${digest(subject)}`;
      let count: number;
      let ttl: number;
      try {
        const replies = await redis
          .multi()
          .incr(`th:${key}`)
          .expire(`th:${key}`, windowSeconds, 'NX')
          .ttl(`th:${key}`)
          .exec();
        count = Number(replies?.[0]?.[1] ?? 0);
        ttl = Number(replies?.[2]?.[1] ?? windowSeconds);
      } catch (error) {
        log.warn({ err: error, scope }, 'throttle skipped: redis unavailable');
        return;
      }
      if (count > limit) throw tooMany(ttl, 'Too many attempts. Wait a moment and try again.');
    },

    /** Refuses while an account is in its back-off period after repeated failures. */
    async assertNotLocked(account: string): Promise<void> {
      const ttl = await redis.ttl(`th:lock:{${digest(account)}}`).catch(() => -2);
      if (ttl > 0) throw tooMany(ttl, 'Too many failed attempts for this account. Wait and try again.');
    },

    /** Each failure beyond the first few doubles the wait before the next attempt (capped at 15 minutes). */
    async recordFailure(account: string): Promise<void> {
      const id = digest(account);
      try {
        const replies = await redis
          .multi()
          .incr(`th:fail:{${id}}`)
          .expire(`th:fail:{${id}}`, MAX_LOCK_SECONDS, 'NX')
          .exec();
        const failures = Number(replies?.[0]?.[1] ?? 0);
        if (failures >= FREE_FAILURES) {
          const seconds = Math.min(2 ** (failures - FREE_FAILURES + 1), MAX_LOCK_SECONDS);
          await redis.set(`th:lock:{${id}}`, '1', 'EX', seconds);
        }
      } catch (error) {
        log.warn({ err: error }, 'failure tracking skipped: redis unavailable');
      }
    },

    async clearFailures(account: string): Promise<void> {
      const id = digest(account);
      await redis.del(`th:fail:{${id}}`, `th:lock:{${id}}`).catch(() => 0);
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
