import {
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';
import { CONSUME_FIXED_WINDOW, windowExceeded } from './fixed-window.js';

/** What a client address is throttled on: bearer-token look-ups, or enrolment attempts. */
export type ThrottleBucket = 'auth' | 'enroll';

// Counted in one fixed window per (bucket, address) (CONSUME_FIXED_WINDOW). A success gives its
// count back (never below zero, never reviving an expired window).
const REFUND = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

const LOCAL_MAX_ADDRESSES = 100_000;
/** How long an attempt over the limit waits for this process's in-flight look-ups to give counts back. */
const MAX_WAIT_MS = 5_000;
/** A waiter also counts again this often (another process's look-ups may have given counts back). */
const WAIT_POLL_MS = 250;

interface InFlight {
  count: number;
  waiters: (() => void)[];
}

/**
 * Per-client-address throttle for the unauthenticated ways into PostgreSQL: every bearer-token
 * look-up that reaches the database (operator keys; robot secrets not in the auth cache) and every
 * enrolment attempt. An attempt is counted BEFORE the database is touched and given back when it
 * succeeds, so a flood of bad tokens from one address — or a burst of them in parallel — reaches
 * PostgreSQL at most `limit` times per window (429 with Retry-After afterwards), while a fleet's good
 * credentials behind one NAT address never use the budget up. Counted in Redis across API processes;
 * while Redis is unreachable each process counts on its own (never unthrottled).
 */
@Injectable()
export class ClientThrottle implements OnModuleInit {
  private redis!: RedisClient;
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  /** Attempts of this process between count and settle, per throttle key, and who waits on them. */
  private readonly inFlight = new Map<string, InFlight>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RedisConnections) private readonly connections: RedisConnections,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.redis = this.connections.create('client-throttle');
  }

  /**
   * Runs `attempt` (which touches PostgreSQL) if `address` has budget left; a success is refunded.
   *
   * The count covers failures and look-ups still in flight (counted before, refunded after). So that
   * many good credentials behind one address, looked up at the same moment, do not exceed the budget
   * while in flight, an attempt over the limit while this process still has look-ups in flight for
   * the same address gives its count back and waits (at most MAX_WAIT_MS) for one of them to settle,
   * then counts again; it is refused only when nothing of this process is in flight any more or the
   * wait is over. A look-up is still only started when its count is within the limit, so bad
   * credentials never reach PostgreSQL more than `limit` times per window, in parallel or not.
   */
  async around<T>(
    bucket: ThrottleBucket,
    address: string | undefined,
    attempt: () => Promise<T>,
  ): Promise<T> {
    const { limit, windowMs } = this.config.clientThrottle[bucket];
    if (limit === 0 || !address) return attempt();
    const key = `${this.connections.keyPrefix}throttle:${bucket}:${address}`;
    const deadline = Date.now() + MAX_WAIT_MS;
    for (;;) {
      const [count, ttl] = await this.consume(key, windowMs);
      if (count <= limit) break;
      const flight = this.inFlight.get(key);
      if (!flight || Date.now() >= deadline) {
        const what = bucket === 'auth' ? 'failed sign-ins' : 'enrolment attempts';
        throw windowExceeded(`${what} from this address`, limit, windowMs, ttl);
      }
      await this.refund(key);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(
          () => {
            const at = flight.waiters.indexOf(wake);
            if (at >= 0) flight.waiters.splice(at, 1);
            resolve();
          },
          Math.min(WAIT_POLL_MS, Math.max(0, deadline - Date.now())),
        );
        flight.waiters.push(wake);
      });
    }
    const flight = this.inFlight.get(key) ?? { count: 0, waiters: [] };
    this.inFlight.set(key, flight);
    flight.count += 1;
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      this.settle(key, flight, false);
      throw error;
    }
    // The refund lands before a waiter counts again.
    void this.refund(key).finally(() => this.settle(key, flight, true));
    return result;
  }

  /** One in-flight attempt is over: a success freed a count (wake one waiter); none left: wake all. */
  private settle(key: string, flight: InFlight, freed: boolean) {
    flight.count -= 1;
    if (flight.count === 0) {
      this.inFlight.delete(key);
      for (const wake of flight.waiters.splice(0)) wake();
    } else if (freed) {
      flight.waiters.shift()?.();
    }
  }

  private async consume(key: string, windowMs: number): Promise<[number, number]> {
    try {
      return (await this.redis.eval(CONSUME_FIXED_WINDOW, 1, key, windowMs)) as [number, number];
    } catch (error) {
      this.logger.debug(
        { err: (error as Error).message },
        'client throttle: Redis unavailable; counting locally',
      );
      const now = Date.now();
      let entry = this.local.get(key);
      if (!entry || entry.resetAt <= now) {
        if (this.local.size >= LOCAL_MAX_ADDRESSES) this.local.clear();
        entry = { count: 0, resetAt: now + windowMs };
        this.local.set(key, entry);
      }
      entry.count += 1;
      return [entry.count, entry.resetAt - now];
    }
  }

  private async refund(key: string) {
    const entry = this.local.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
    await this.redis.eval(REFUND, 1, key).catch(() => undefined);
  }
}

/** The client's address (the socket's peer, or X-Forwarded-For from a TRUST_PROXY hop). */
export const ClientAddress = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().ip,
);
