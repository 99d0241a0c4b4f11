import { AppError } from '../../common/app-error.js';

/**
 * One fixed window per Redis key, shared by every API process: INCR, and start the window's clock
 * on the first count (ARGV[1], milliseconds). Returns [count, milliseconds left in the window].
 * The robot rate limiter and the client-address throttle both count with it.
 */
export const CONSUME_FIXED_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** The 429 for a window that is used up: `Too many <what>: at most …; retry in …`, with Retry-After. */
export function windowExceeded(what: string, limit: number, windowMs: number, ttlMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(ttlMs / 1000));
  return new AppError(
    'rate_limited',
    `Too many ${what}: at most ${limit} per ${windowMs / 1000} s; retry in ${retryAfter} s`,
    undefined,
    { 'retry-after': String(retryAfter) },
  );
}
