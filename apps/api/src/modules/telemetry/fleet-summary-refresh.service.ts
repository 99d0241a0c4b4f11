import { DEFAULT_FLASH_LIFE_TARGET_DAYS, DEFAULT_LIFE_TARGET_DAYS } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { FleetSummaryRepository, SUMMARY_SNAPSHOT_WINDOWS } from './fleet-summary.repository.js';
import { type AskedSummary, FleetSummaryDemand } from './fleet-summary-demand.js';

/**
 * Worker: one refresh of the fleet summary snapshot — the standard windows (SUMMARY_SNAPSHOT_WINDOWS)
 * at the overview's life targets, and the (window, target) pairs clients asked for within the last
 * FLEET_SUMMARY_ON_DEMAND_MINUTES, at most FLEET_SUMMARY_ON_DEMAND_MAX of them, the most recently
 * asked first (materialised on demand; docs/api.md, `GET /v1/fleet/summary`). A pair asked longer ago is no
 * longer computed, and its rows go with this refresh's.
 */
@Injectable()
export class FleetSummaryRefreshService {
  constructor(
    @Inject(FleetSummaryRepository) private readonly summaries: FleetSummaryRepository,
    @Inject(FleetSummaryDemand) private readonly demand: FleetSummaryDemand,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns the (scope, window, target) rows stored and the asked pairs seen (before the cap). */
  async refresh(now: Date = new Date()): Promise<{ stored: number; asked: number }> {
    const { onDemandMax, onDemandRecencyMs } = this.config.fleetSummary;
    const lifeTargetDays = await this.summaries.lifeTargets(
      DEFAULT_FLASH_LIFE_TARGET_DAYS,
      DEFAULT_LIFE_TARGET_DAYS,
    );
    let asked: AskedSummary[] = [];
    if (onDemandMax > 0) {
      try {
        asked = await this.demand.askedSince(now.getTime() - onDemandRecencyMs);
      } catch (error) {
        this.logger.warn(
          { err: (error as Error).message },
          'fleet summary refresh: asked windows unknown (Redis); keeping the standard ones only',
        );
      }
    }
    const stored = await this.summaries.refresh({
      windowMinutes: SUMMARY_SNAPSHOT_WINDOWS,
      lifeTargetDays,
      asked,
      maxAsked: onDemandMax,
      now,
    });
    return { stored, asked: asked.length };
  }
}
