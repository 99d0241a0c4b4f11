import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';
import { CONSUME_FIXED_WINDOW, windowExceeded } from './fixed-window.js';

/**
 * Per-robot request limit on the agent endpoints (AGENT_RATE_LIMIT, requests per window; one fixed
 * window per robot, CONSUME_FIXED_WINDOW). Over the limit → 429 with Retry-After. If Redis is
 * unreachable the limit is not enforced (fail open): a Redis outage must not cut every robot off from
 * the control plane.
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
        CONSUME_FIXED_WINDOW,
        1,
        `${this.connections.keyPrefix}ratelimit:robot:${robotId}`,
        windowMs,
      )) as [number, number];
    } catch (error) {
      this.logger.debug({ err: (error as Error).message }, 'rate limiter unavailable; not enforcing');
      return;
    }
    const [count, ttl] = result;
    if (count > limit) throw windowExceeded('requests from this robot', limit, windowMs, ttl);
  }
}
