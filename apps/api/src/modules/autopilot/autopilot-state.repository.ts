import {
  type AutopilotRecommendationStatus,
  type AutopilotSettings,
  AutopilotSettingsSchema,
  type PersistMode,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { toDbPersistMode } from '../../common/persist-mode.js';
import type { AutopilotRecommendationStatus as DbRecommendationStatus } from '../../generated/prisma/enums.js';
import { Database } from '../../infrastructure/database.js';
import { toJsonb } from '../../infrastructure/jsonb.js';

const toDbStatus = (s: AutopilotRecommendationStatus): DbRecommendationStatus =>
  s === 'insufficient-data' ? 'insufficient_data' : s;
export const toWireStatus = (s: DbRecommendationStatus): AutopilotRecommendationStatus =>
  s === 'insufficient_data' ? 'insufficient-data' : s;

export interface RecommendationRow {
  robotId: string;
  status: AutopilotRecommendationStatus;
  reason: string;
  belowTarget: boolean | null;
  currentTau: number | null;
  currentPersistMode: PersistMode | null;
  projectedLifeDays: number | null;
  requiredLifeDays: number | null;
  targetDays: number | null;
  stepTau: number | null;
  stepPersistMode: PersistMode | null;
  stepLifeDays: number | null;
  stepSuccessChange: number | null;
  bestAchievableLifeDays: number | null;
  details: unknown;
}

const finite = (x: number | null) => (x === null || !Number.isFinite(x) ? null : x);

/** The autopilot's settings, its runs and every robot's latest recommendation. */
@Injectable()
export class AutopilotStateRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  // ── settings ───────────────────────────────────────────────────────────────────────────────────

  async settings(): Promise<{
    settings: AutopilotSettings;
    policyId: string | null;
    updatedAt: Date | null;
    updatedByName: string | null;
  }> {
    const row = await this.db.client.autopilotSettings.findUnique({ where: { id: 1 } });
    if (!row)
      return {
        settings: AutopilotSettingsSchema.parse({}),
        policyId: null,
        updatedAt: null,
        updatedByName: null,
      };
    const by = row.updatedById
      ? await this.db.client.operator.findUnique({ where: { id: row.updatedById }, select: { name: true } })
      : null;
    return {
      settings: AutopilotSettingsSchema.parse(row.settings),
      policyId: row.policyId,
      updatedAt: row.updatedAt,
      updatedByName: by?.name ?? null,
    };
  }

  async saveSettings(settings: AutopilotSettings, updatedById: string | null) {
    const data = { settings: toJsonb(settings), updatedById, updatedAt: new Date() };
    await this.db.client.autopilotSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...data },
      update: data,
    });
  }

  async setPolicyId(policyId: string) {
    await this.db.client.autopilotSettings.upsert({
      where: { id: 1 },
      create: { id: 1, settings: toJsonb(AutopilotSettingsSchema.parse({})), policyId },
      update: { policyId },
    });
  }

  // ── runs ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Claims the one running slot (a partial unique index): undefined when another run holds it. A run
   * left `running` by a worker that died more than 15 minutes ago is closed as failed first.
   */
  async claimRun(trigger: 'schedule' | 'manual', correlationId: string): Promise<string | undefined> {
    await this.db.pool.query(
      `UPDATE autopilot_run SET outcome = 'failed', finished_at = now(),
              message = 'abandoned: the worker stopped during the run'
        WHERE outcome = 'running' AND started_at < now() - interval '15 minutes'`,
    );
    const { rows } = await this.db.pool.query<{ id: string }>(
      `INSERT INTO autopilot_run (trigger, outcome, correlation_id) VALUES ($1, 'running', $2)
       ON CONFLICT ((true)) WHERE outcome = 'running' DO NOTHING RETURNING id`,
      [trigger, correlationId.slice(0, 100)],
    );
    return rows[0]?.id;
  }

  async finishRun(
    id: string,
    result: {
      outcome: 'completed' | 'disabled' | 'failed';
      message: string | null;
      modelName: string | null;
      curveSha256: string | null;
      counts: Record<string, number>;
    },
  ) {
    await this.db.client.autopilotRun.update({
      where: { id },
      data: { ...result, message: result.message?.slice(0, 2000) ?? null, finishedAt: new Date() },
    });
  }

  async lastRun() {
    return this.db.client.autopilotRun.findFirst({ orderBy: { startedAt: 'desc' } });
  }

  async runs(limit: number) {
    return this.db.client.autopilotRun.findMany({ orderBy: { startedAt: 'desc' }, take: limit });
  }

  // ── recommendations ────────────────────────────────────────────────────────────────────────────

  /** Replaces every robot's recommendation with this run's (robots no longer listed lose theirs). */
  async replaceRecommendations(runId: string, rows: readonly RecommendationRow[]) {
    await this.db.client.autopilotRecommendation.deleteMany({});
    if (rows.length === 0) return;
    await this.db.client.autopilotRecommendation.createMany({
      data: rows.map((r) => ({
        robotId: r.robotId,
        runId,
        status: toDbStatus(r.status),
        reason: r.reason.slice(0, 2000),
        belowTarget: r.belowTarget,
        currentTau: r.currentTau,
        currentPersistMode: toDbPersistMode(r.currentPersistMode),
        projectedLifeDays: finite(r.projectedLifeDays),
        requiredLifeDays: finite(r.requiredLifeDays),
        targetDays: r.targetDays,
        stepTau: r.stepTau,
        stepPersistMode: toDbPersistMode(r.stepPersistMode),
        stepLifeDays: finite(r.stepLifeDays),
        stepSuccessChange: r.stepSuccessChange,
        bestAchievableLifeDays: finite(r.bestAchievableLifeDays),
        details: toJsonb(r.details),
      })),
    });
  }

  async recommendationCounts() {
    const [byStatus, below] = await Promise.all([
      this.db.client.autopilotRecommendation.groupBy({ by: ['status'], _count: { _all: true } }),
      this.db.client.autopilotRecommendation.count({ where: { belowTarget: true } }),
    ]);
    const count = (s: DbRecommendationStatus) => byStatus.find((b) => b.status === s)?._count._all ?? 0;
    return {
      change: count('change'),
      hold: count('hold'),
      unreachable: count('unreachable'),
      insufficientData: count('insufficient_data'),
      belowTarget: below,
    };
  }

  async recommendations(query: {
    status?: AutopilotRecommendationStatus | undefined;
    belowTarget?: boolean | undefined;
    limit: number;
    offset: number;
  }) {
    const where = {
      ...(query.status ? { status: toDbStatus(query.status) } : {}),
      ...(query.belowTarget !== undefined ? { belowTarget: query.belowTarget } : {}),
    };
    const [total, rows] = await Promise.all([
      this.db.client.autopilotRecommendation.count({ where }),
      this.db.client.autopilotRecommendation.findMany({
        where,
        // shortest projected life first: the robots that need attention
        orderBy: [{ projectedLifeDays: { sort: 'asc', nulls: 'last' } }, { robotId: 'asc' }],
        take: query.limit,
        skip: query.offset,
      }),
    ]);
    return { total, rows };
  }
}
