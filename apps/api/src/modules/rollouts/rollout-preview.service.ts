import { readFile } from 'node:fs/promises';
import {
  assignRolloutCohorts,
  createWriteRateSimulator,
  predictAtTau,
  type RolloutSpec,
  type WriteRateSimulator,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { TauCurveSource } from '../model-curve/tau-curve.source.js';
import { RolloutStatsRepository } from './rollout-stats.repository.js';
import { RolloutsRepository } from './rollouts.repository.js';

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const finite = (value: number) => (Number.isFinite(value) ? value : null);

/**
 * Dry run of a rollout: for every target robot, its recent write rate and flash wear, scaled by how
 * the committed model's write rate changes between the robot's current τ and the new τ, give a
 * predicted write rate and projected flash life, and the model's episode success at both τ; robots
 * that would fall below the spec's life target are listed. The old-τ-vs-new-τ figures come from the
 * model's committed τ curve (DESIGN.md §6a); a model without a usable curve is simulated at both τ on
 * its own weights instead, which predicts writes but not success.
 */
@Injectable()
export class RolloutPreviewService {
  private simulator: Promise<WriteRateSimulator> | undefined;

  constructor(
    @Inject(RolloutsRepository) private readonly rollouts: RolloutsRepository,
    @Inject(RolloutStatsRepository) private readonly stats: RolloutStatsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TauCurveSource) private readonly curves: TauCurveSource,
  ) {}

  private model(): Promise<WriteRateSimulator> {
    this.simulator ??= readFile(this.config.modelPath).then(
      (bytes) => createWriteRateSimulator(bytes),
      (error: Error) => {
        this.simulator = undefined;
        throw new AppError(
          'service_unavailable',
          `The model for previews could not be read: ${error.message}`,
        );
      },
    );
    return this.simulator;
  }

  /**
   * The model's writes per step and episode success at a τ: from its committed τ curve, or — without a usable
   * curve — its simulation, which predicts writes only (success null); `note` says why the curve was not used.
   */
  private async predictor() {
    const lookup = await this.curves.load();
    const { curve } = lookup;
    if (curve) {
      return {
        curve,
        version: curve.model.version,
        task: curve.task.name,
        note: null,
        at: (tau: number) => {
          const p = predictAtTau(curve, tau);
          return { writes: p.writesPerStep.mean, success: p.successRate.mean as number | null };
        },
      };
    }
    const simulator = await this.model();
    return {
      curve: null,
      version: simulator.modelVersion,
      task: simulator.task,
      note: lookup.message,
      at: (tau: number) => ({ writes: simulator.writeRateAt(tau), success: null as number | null }),
    };
  }

  async preview(spec: RolloutSpec, targets: string[], rolloutId: string | undefined, windowMinutes: number) {
    const version = await this.rollouts.policyVersion(spec.policyVersionId);
    if (!version) throw new AppError('validation_failed', 'Unknown policy version');
    const predictor = await this.predictor();
    const { curve } = predictor;
    const since = new Date(Date.now() - windowMinutes * 60_000);
    const rows = await this.stats.recentPerRobot(targets, since);
    const cohorts = assignRolloutCohorts(rolloutId ?? 'preview', targets, spec.steps);
    const { writes: newRate, success: newSuccess } = predictor.at(version.tau);
    const lifeTarget = spec.gates.minProjectedFlashLifeDays;
    const robots = rows.map((row) => {
      const steps = Number(row.steps ?? 0);
      const writes = Number(row.writes ?? 0);
      if (steps === 0 || row.tau === null) {
        return {
          robotId: row.robot_id,
          name: row.name,
          step: cohorts.get(row.robot_id) ?? 0,
          hasData: false as const,
        };
      }
      const { writes: currentRate, success: currentSuccess } = predictor.at(row.tau);
      const ratio = currentRate > 0 ? newRate / currentRate : null;
      const observed = writes / steps;
      const predicted = ratio === null ? newRate : observed * ratio;
      const scale = observed > 0 ? predicted / observed : 1;
      const wearPerDay = (row.wear_per_day ?? 0) * scale;
      const remaining = 1 - (row.wear_now ?? 0);
      return {
        robotId: row.robot_id,
        name: row.name,
        step: cohorts.get(row.robot_id) ?? 0,
        hasData: true as const,
        currentTau: row.tau,
        currentWritesPerStep: observed,
        predictedWritesPerStep: predicted,
        currentSuccess,
        predictedSuccessChange:
          currentSuccess === null || newSuccess === null ? null : newSuccess - currentSuccess,
        currentFlashBytes: Number(row.flash_bytes ?? 0),
        predictedFlashBytes: Math.round(Number(row.flash_bytes ?? 0) * scale),
        currentLifeDays:
          (row.wear_per_day ?? 0) > 0 ? remaining / row.wear_per_day! : Number.POSITIVE_INFINITY,
        projectedLifeDays: wearPerDay > 0 ? remaining / wearPerDay : Number.POSITIVE_INFINITY,
      };
    });
    const withData = robots.filter((r) => r.hasData);
    const belowTarget = withData.filter((r) => r.projectedLifeDays < lifeTarget);
    return {
      policyVersion: { id: version.id, tau: version.tau },
      model: {
        version: predictor.version,
        task: predictor.task,
        writeRateAtNewTau: newRate,
        prediction: curve ? ('tau-curve' as const) : ('simulation' as const),
        predictionNote: predictor.note,
        successAtNewTau: newSuccess,
      },
      windowMinutes,
      cohortsProvisional: rolloutId === undefined,
      lifeTargetDays: lifeTarget,
      cohorts: spec.steps.map((step, index) => {
        const members = withData.filter((r) => r.step === index);
        return {
          step: index,
          percent: step.percent,
          robots: robots.filter((r) => r.step === index).length,
          withData: members.length,
          currentWritesPerStep: median(members.map((r) => r.currentWritesPerStep)),
          predictedWritesPerStep: median(members.map((r) => r.predictedWritesPerStep)),
          currentSuccess: curve ? median(members.map((r) => r.currentSuccess as number)) : null,
          predictedSuccess: curve && members.length ? newSuccess : null,
          predictedSuccessChange: curve
            ? median(members.map((r) => r.predictedSuccessChange as number))
            : null,
          medianProjectedLifeDays: finite(median(members.map((r) => r.projectedLifeDays)) ?? Number.NaN),
          minProjectedLifeDays: members.length
            ? finite(Math.min(...members.map((r) => r.projectedLifeDays)))
            : null,
          belowTarget: members.filter((r) => r.projectedLifeDays < lifeTarget).length,
        };
      }),
      robotsWithoutData: robots.length - withData.length,
      robotsBelowTarget: belowTarget.map((r) => ({
        robotId: r.robotId,
        name: r.name,
        step: r.step,
        currentLifeDays: finite(r.currentLifeDays),
        projectedLifeDays: finite(r.projectedLifeDays),
        predictedWritesPerStep: r.predictedWritesPerStep,
      })),
    };
  }
}
