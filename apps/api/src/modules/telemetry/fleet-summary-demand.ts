import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';

/** One summary a client asked for: its window and life target (every scope is computed at once). */
export interface AskedSummary {
  windowMinutes: number;
  lifeTargetDays: number;
  /** When it was last asked (ms since the epoch). */
  askedAt: number;
}

/**
 * The most distinct (window, target) pairs the asked set holds: a client that asks thousands of
 * windows grows it no further, the oldest asks dropping first. Far above any cap on what a refresh
 * keeps (FLEET_SUMMARY_ON_DEMAND_MAX, at most 16), so the standard pairs, also recorded, never crowd
 * out an asked one.
 */
export const ASKED_SUMMARIES_KEPT = 64;

/**
 * Which fleet summaries clients asked for, and when last: a Redis sorted set (`<prefix>:fleet-summary:asked`)
 * of `window:target` members scored by the time of the last ask. The API records every summary it
 * answers from the clock (not one pinned in the past); the worker's refresh also keeps the most
 * recently asked pairs beyond its standard ones (`pickAskedSummaries`), so a window a dashboard keeps
 * asking is served from the snapshot after its first read (docs/api.md, `GET /v1/fleet/summary`). The scope is
 * not part of the member: the refresh computes every scope of a window in one statement, so a window
 * asked for two groups costs what it costs for one. Redis keeps nothing on disk here: after a flush the
 * next ask of each window records it again (and that one read is computed live). While Redis does not
 * answer, nothing is recorded and the refresh keeps only the standard windows: reads are never refused
 * for it.
 */
@Injectable()
export class FleetSummaryDemand implements OnModuleInit {
  private redis!: RedisClient;

  constructor(
    @Inject(RedisConnections) private readonly connections: RedisConnections,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit() {
    this.redis = this.connections.create('fleet-summary-demand');
  }

  private get key() {
    return `${this.connections.keyPrefix}fleet-summary:asked`;
  }

  /** Records an ask of (window, target) at `at`; keeps the newest ASKED_SUMMARIES_KEPT pairs. */
  async record(windowMinutes: number, lifeTargetDays: number, at: number = Date.now()): Promise<void> {
    try {
      await this.redis
        .multi()
        .zadd(this.key, at, `${windowMinutes}:${lifeTargetDays}`)
        .zremrangebyrank(this.key, 0, -(ASKED_SUMMARIES_KEPT + 1))
        .exec();
    } catch (error) {
      this.logger.debug({ err: (error as Error).message }, 'fleet summary ask not recorded (Redis)');
    }
  }

  /**
   * The pairs asked at or after `since`, the most recently asked first; older ones are deleted. Throws
   * when Redis does not answer (the caller decides what to keep without them).
   */
  async askedSince(since: number): Promise<AskedSummary[]> {
    const [, ranged] = (await this.redis
      .multi()
      .zremrangebyscore(this.key, '-inf', `(${since}`)
      .zrange(this.key, '+inf', String(since), 'BYSCORE', 'REV', 'WITHSCORES')
      .exec()) as [[Error | null, unknown], [Error | null, string[]]];
    if (ranged[0]) throw ranged[0];
    const asked: AskedSummary[] = [];
    const members = ranged[1];
    for (let i = 0; i + 1 < members.length; i += 2) {
      const [window, target] = members[i]!.split(':');
      const windowMinutes = Number(window);
      const lifeTargetDays = Number(target);
      if (!Number.isInteger(windowMinutes) || !(lifeTargetDays > 0)) continue;
      asked.push({ windowMinutes, lifeTargetDays, askedAt: Number(members[i + 1]) });
    }
    return asked;
  }
}

/**
 * What a refresh keeps: every standard window at every standard target, plus at most `max` asked
 * (window, target) pairs that are not already among those, the most recently asked first. Each
 * window maps to its targets, in the order first met; a window outside the standard list costs the
 * refresh one more per-robot statement (≈ 1.5-2 s at 100,000 robots), an extra target of a window
 * already computed one more count, so `max` bounds both.
 */
export function pickAskedSummaries(options: {
  standardWindows: readonly number[];
  standardTargets: readonly number[];
  asked: readonly Pick<AskedSummary, 'windowMinutes' | 'lifeTargetDays'>[];
  max: number;
}): Map<number, number[]> {
  const kept = new Map<number, number[]>();
  for (const windowMinutes of options.standardWindows)
    kept.set(windowMinutes, [...new Set(options.standardTargets)]);
  let extra = 0;
  for (const { windowMinutes, lifeTargetDays } of options.asked) {
    if (extra >= options.max) break;
    const targets = kept.get(windowMinutes) ?? [];
    if (targets.includes(lifeTargetDays)) continue;
    targets.push(lifeTargetDays);
    kept.set(windowMinutes, targets);
    extra++;
  }
  return kept;
}
