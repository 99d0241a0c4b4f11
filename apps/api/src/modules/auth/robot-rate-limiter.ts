import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';

// One fixed window per robot, shared by every API process: INCR, and start the window's clock on the
// first request. Returns [count, milliseconds left in the window].
const CONSUME = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/**
 * Per-robot request limit on the agent endpoints (AGENT_RATE_LIMIT, requests per window). Over the
 * limit → 429 with Retry-After. If Redis is unreachable the limit is not enforced (fail open): a
 * Redis outage must not cut every robot off from the control plane.
 */
@Injectable()
export class RobotRateLimiter implements OnModuleInit {
  private redis!: RedisClient;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RedisConnections) private readonly connections: RedisConnections,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.redis = this.connections.create('rate-limit');
  }

  async consume(robotId: string): Promise<void> {
    const { limit, windowMs } = this.config.agentRateLimit;
    if (limit === 0) return;
    let result: [number, number];
    try {
      result = (await this.redis.eval(
        CONSUME,
        1,
        `${this.connections.keyPrefix}ratelimit:robot:${robotId}`,
        windowMs,
      )) as [number, number];
    } catch (error) {
      this.logger.debug({ err: (error as Error).message }, 'rate limiter unavailable; not enforcing');
      return;
    }
    const [count, ttl] = result;
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil(ttl / 1000));
      throw new AppError(
        'rate_limited',
        `Too many requests from this robot: at most ${limit} per ${windowMs / 1000} s; retry in ${retryAfter} s`,
        undefined,
        { 'retry-after': String(retryAfter) },
      );
    }
  }
}
