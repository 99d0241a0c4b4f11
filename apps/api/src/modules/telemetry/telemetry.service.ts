import { checkTelemetryBounds, type TelemetryRecord } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { RobotsService } from '../robots/robots.service.js';
import { FleetSeriesRepository, servedFromRollup } from './fleet-series.repository.js';
import { FleetSummaryRepository } from './fleet-summary.repository.js';
import { FleetSummaryDemand } from './fleet-summary-demand.js';
import { TelemetryRepository } from './telemetry.repository.js';

export interface SeriesRange {
  from: Date;
  to: Date;
  bucketSeconds: number;
}

/** Telemetry ingest, time series of a robot or the fleet, and the fleet overview. */
@Injectable()
export class TelemetryService {
  constructor(
    @Inject(TelemetryRepository) private readonly telemetry: TelemetryRepository,
    @Inject(FleetSummaryRepository) private readonly summaries: FleetSummaryRepository,
    @Inject(FleetSummaryDemand) private readonly summaryDemand: FleetSummaryDemand,
    @Inject(FleetSeriesRepository) private readonly fleetSeriesRollup: FleetSeriesRepository,
    @Inject(RobotsService) private readonly robots: RobotsService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores a batch idempotently by (robot, seq) and counts it. Records outside what a robot can
   * honestly report (windows outside [now − retention, now + clock skew], more steps than the window
   * allows) refuse the batch whole with 400 naming each field, before PostgreSQL is touched.
   */
  async ingest(robotId: string, records: readonly TelemetryRecord[]) {
    const issues = checkTelemetryBounds(records, {
      now: Date.now(),
      retentionDays: this.config.telemetryRetentionDays,
      ...this.config.telemetryBounds,
    });
    if (issues.length > 0) {
      throw new AppError(
        'validation_failed',
        `Invalid telemetry: ${issues[0]!.path} ${issues[0]!.message}`,
        issues,
      );
    }
    const result = await this.telemetry.ingest(robotId, records);
    this.metrics.telemetryBatches.inc();
    this.metrics.telemetryRecords.inc({ result: 'accepted' }, result.accepted);
    this.metrics.telemetryRecords.inc({ result: 'duplicate' }, result.duplicates);
    return result;
  }

  async robotSeries(robotId: string, range: SeriesRange) {
    await this.robots.requireRobot(robotId);
    return { robotId, ...range, points: await this.telemetry.series({ robotId, ...range }) };
  }

  /**
   * Buckets of whole 5-minute rollup buckets are read from telemetry_rollup (one row per robot and
   * bucket), others from every record of the range (docs/api.md, "Fleet series").
   */
  async fleetSeries(groupId: string | undefined, range: SeriesRange) {
    const filter = { ...range, ...(groupId ? { groupId } : {}) };
    const points = servedFromRollup(range.bucketSeconds)
      ? await this.fleetSeriesRollup.series(filter)
      : await this.telemetry.series(filter);
    return { groupId: groupId ?? null, ...range, points };
  }

  /**
   * The overview: from the worker's snapshot when it holds this window and target, fresh; else computed
   * live. Every ask is recorded (the snapshot's too, so a window read all along stays kept), and the
   * worker's next refresh keeps the most recently asked windows and targets (FleetSummaryDemand).
   */
  async summary(options: { groupId?: string | undefined; windowMinutes: number; lifeTargetDays: number }) {
    const [summary] = await Promise.all([
      this.summaries.summary(options),
      this.summaryDemand.record(options.windowMinutes, options.lifeTargetDays),
    ]);
    return summary;
  }
}
