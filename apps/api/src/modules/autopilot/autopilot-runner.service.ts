import {
  type AutopilotSettings,
  blockStillApplies,
  type FailedSetting,
  type FlashRecommendation,
  inferPersistMode,
  measureRobotWear,
  type PersistMode,
  recommendFlashSettings,
  type TauCurve,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';
import { TauCurveSource } from '../model-curve/tau-curve.source.js';
import { AutopilotInputsRepository, type RobotInputs } from './autopilot-inputs.repository.js';
import { AutopilotProposalsRepository } from './autopilot-proposals.repository.js';
import { AutopilotProposalsService } from './autopilot-proposals.service.js';
import { AutopilotStateRepository, type RecommendationRow } from './autopilot-state.repository.js';

const DAY_MS = 86_400_000;
/** Telemetry the autopilot reads per robot: the last day, or twice the evidence minimum if longer. */
const lookbackMs = (settings: AutopilotSettings) =>
  Math.max(DAY_MS, 2 * settings.minTelemetryMinutes * 60_000);

type RunResult = Parameters<AutopilotStateRepository['finishRun']>[1];

/**
 * One round of the flash-life autopilot (docs/autopilot.md), run by the worker on its schedule and on
 * demand: follow up its open proposals (feedback), measure every robot, recommend, then turn the
 * recommendations into a few draft rollouts (started at once under auto-start). One round at a time
 * across every worker (the run row is the lock); every proposal and action is audited.
 */
@Injectable()
export class AutopilotRunner {
  constructor(
    @Inject(AutopilotStateRepository) private readonly state: AutopilotStateRepository,
    @Inject(AutopilotInputsRepository) private readonly inputs: AutopilotInputsRepository,
    @Inject(AutopilotProposalsRepository) private readonly proposalRows: AutopilotProposalsRepository,
    @Inject(AutopilotProposalsService) private readonly proposals: AutopilotProposalsService,
    @Inject(TauCurveSource) private readonly curves: TauCurveSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The schedule's tick (every minute): a round when enabled and `intervalMinutes` have passed. */
  async tick(correlationId: string): Promise<string> {
    const { settings } = await this.state.settings();
    if (!settings.enabled) return 'off';
    const last = await this.state.lastRun();
    if (last && Date.now() - last.startedAt.getTime() < settings.intervalMinutes * 60_000) return 'not due';
    return this.run('schedule', correlationId);
  }

  /** A round now; 'busy' when another is running. */
  async run(trigger: 'schedule' | 'manual', correlationId: string): Promise<string> {
    const runId = await this.state.claimRun(trigger, correlationId);
    if (!runId) return 'busy';
    let result: RunResult;
    try {
      result = await this.round(runId, correlationId);
    } catch (error) {
      this.logger.error({ err: (error as Error).message, correlationId, runId }, 'autopilot round failed');
      result = {
        outcome: 'failed',
        message: (error as Error).message,
        modelName: null,
        curveSha256: null,
        counts: {},
      };
    }
    await this.state.finishRun(runId, result);
    this.logger.info({ correlationId, runId, ...result }, 'autopilot round');
    return result.outcome;
  }

  private async round(runId: string, correlationId: string): Promise<RunResult> {
    const { settings } = await this.state.settings();
    const lookup = await this.curves.load();
    const base = {
      modelName: lookup.curve?.model.name ?? null,
      curveSha256: lookup.curve?.model.sha256 ?? null,
    };
    if (!settings.enabled) {
      return {
        ...base,
        outcome: 'disabled',
        message: 'the autopilot is off (settings.enabled is false)',
        counts: {},
      };
    }
    if (lookup.status !== 'ok') return { ...base, outcome: 'disabled', message: lookup.message, counts: {} };
    const curve = lookup.curve;
    const feedback = await this.proposals.followUp(correlationId);
    const now = new Date();
    const robots = await this.inputs.robotInputs({
      since: new Date(now.getTime() - lookbackMs(settings)),
      fleetTargetDays: settings.lifeTargetDays,
      groupTargets: settings.groupTargets,
    });
    const blocks = await this.activeBlocks(curve, robots, settings);
    const rows: RecommendationRow[] = [];
    const recommendations: FlashRecommendation[] = [];
    const wearByRobot = new Map<string, { wearPerDay: number; targetDays: number }>();
    for (const robot of robots) {
      const decided = this.decide(curve, settings, robot, blocks.get(robot.robotId) ?? [], now);
      rows.push(decided.row);
      if (decided.recommendation) {
        recommendations.push(decided.recommendation);
        wearByRobot.set(robot.robotId, {
          wearPerDay: decided.recommendation.measured.wearPerDay,
          targetDays: robot.targetDays,
        });
      }
    }
    await this.state.replaceRecommendations(runId, rows);
    const proposed = await this.proposals.propose({
      runId,
      settings,
      curve,
      recommendations,
      wearByRobot,
      correlationId,
    });
    const count = (status: RecommendationRow['status']) => rows.filter((r) => r.status === status).length;
    return {
      ...base,
      outcome: 'completed',
      message:
        `${robots.length} robots: ${count('change')} change, ${count('hold')} hold, ${count('unreachable')} unreachable, ` +
        `${count('insufficient-data')} without enough telemetry; ${proposed.created} proposal(s) made, ` +
        `${proposed.kept} kept, ${proposed.superseded} superseded` +
        (proposed.started ? `, ${proposed.started} started (auto-start)` : '') +
        (feedback.failed + feedback.dismissed
          ? `; feedback from ${feedback.failed + feedback.dismissed} proposal(s)`
          : ''),
      counts: {
        robots: robots.length,
        change: count('change'),
        hold: count('hold'),
        unreachable: count('unreachable'),
        insufficientData: count('insufficient-data'),
        belowTarget: rows.filter((r) => r.belowTarget).length,
        proposalsCreated: proposed.created,
        proposalsKept: proposed.kept,
        proposalsSuperseded: proposed.superseded,
        proposalsStarted: proposed.started,
        proposalsSucceeded: feedback.succeeded,
        proposalsFailed: feedback.failed,
        proposalsDismissed: feedback.dismissed,
        blocksLapsed: blocks.lapsed,
      },
    };
  }

  /** Failed settings still in force, per robot; lapsed ones (their inputs changed) are deleted. */
  private async activeBlocks(curve: TauCurve, robots: RobotInputs[], settings: AutopilotSettings) {
    const rows = await this.proposalRows.blocks();
    const byRobot = new Map(robots.map((r) => [r.robotId, r]));
    const active = new Map<string, FailedSetting[]>() as Map<string, FailedSetting[]> & { lapsed: number };
    const lapsed: bigint[] = [];
    for (const b of rows) {
      const robot = byRobot.get(b.robotId);
      const window = robot?.window;
      const measured = window
        ? measureRobotWear(window, { minSpanMinutes: settings.minTelemetryMinutes })
        : null;
      const mode = robot ? (robot.reportedMode ?? robot.policyMode) : null;
      // without a measurement the block stays (nothing says the inputs changed)
      const holds =
        !measured?.ok || !mode
          ? b.curveSha256 === curve.model.sha256
          : blockStillApplies(
              { ...b, persistMode: b.fromPersistMode },
              {
                curveSha256: curve.model.sha256,
                targetDays: robot!.targetDays,
                persistMode: mode,
                wearPerDay: measured.wear.wearPerDay,
              },
            );
      if (!holds) {
        lapsed.push(b.id);
        continue;
      }
      active.set(b.robotId, [
        ...(active.get(b.robotId) ?? []),
        {
          fromTau: b.fromTau,
          toTau: b.toTau,
          persistMode: b.persistMode,
          fromPersistMode: b.fromPersistMode,
        },
      ]);
    }
    await this.proposalRows.deleteBlocks(lapsed);
    active.lapsed = lapsed.length;
    return active;
  }

  private decide(
    curve: TauCurve,
    settings: AutopilotSettings,
    robot: RobotInputs,
    blocked: FailedSetting[],
    now: Date,
  ): { row: RecommendationRow; recommendation?: FlashRecommendation } {
    const required = (robot.enrolledAt.getTime() + robot.targetDays * DAY_MS - now.getTime()) / DAY_MS;
    const none = (reason: string): { row: RecommendationRow } => ({
      row: {
        robotId: robot.robotId,
        status: 'insufficient-data',
        reason,
        belowTarget: null,
        currentTau: robot.tau,
        currentPersistMode: robot.reportedMode ?? robot.policyMode,
        projectedLifeDays: null,
        requiredLifeDays: required,
        targetDays: robot.targetDays,
        stepTau: null,
        stepPersistMode: null,
        stepLifeDays: null,
        stepSuccessChange: null,
        bestAchievableLifeDays: null,
        details: { reason },
      },
    });
    if (robot.tau === null || !robot.window) {
      return none(
        robot.tau === null
          ? 'no telemetry yet'
          : `no telemetry under its current setting in the last ${Math.round(lookbackMs(settings) / 3_600_000)} h`,
      );
    }
    const measured = measureRobotWear(robot.window, { minSpanMinutes: settings.minTelemetryMinutes });
    if (!measured.ok) return none(measured.reason);
    let persistMode: PersistMode | null = robot.reportedMode;
    let source: 'reported' | 'policy' | 'inferred' = 'reported';
    if (!persistMode && robot.policyMode) [persistMode, source] = [robot.policyMode, 'policy'];
    if (!persistMode)
      [persistMode, source] = [inferPersistMode(measured.wear, curve.assumptions.bytesPerWrite), 'inferred'];
    if (!persistMode)
      return none('persistence mode unknown: the agent does not report it and nothing was written');
    const recommendation = recommendFlashSettings(
      curve,
      {
        robotId: robot.robotId,
        current: { tau: robot.tau, persistMode },
        persistModeSource: source,
        wear: measured.wear,
        targetDays: robot.targetDays,
        requiredLifeDays: Math.max(0, required),
        blocked,
      },
      { guardRails: settings.guardRails },
    );
    return {
      recommendation,
      row: {
        robotId: robot.robotId,
        status: recommendation.status,
        reason: recommendation.reason,
        belowTarget: recommendation.current.lifeDays < recommendation.requiredLifeDays,
        currentTau: robot.tau,
        currentPersistMode: persistMode,
        projectedLifeDays: recommendation.current.lifeDays,
        requiredLifeDays: recommendation.requiredLifeDays,
        targetDays: robot.targetDays,
        stepTau: recommendation.step?.tau ?? null,
        stepPersistMode: recommendation.step?.persistMode ?? null,
        stepLifeDays: recommendation.step?.lifeDays ?? null,
        stepSuccessChange: recommendation.step?.successChange ?? null,
        bestAchievableLifeDays: recommendation.bestAchievableLifeDays,
        details: recommendation,
      },
    };
  }
}
