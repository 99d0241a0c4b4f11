import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { parseTauCurve, type TauCurve, TauCurveError } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/** The committed model's τ curve, or why there is none to use (DESIGN.md §6a). */
export type TauCurveLookup =
  | { status: 'ok'; curve: TauCurve; modelPath: string; curvePath: string; message: null }
  | {
      status: 'missing' | 'invalid' | 'mismatch';
      curve: null;
      modelPath: string;
      curvePath: string;
      message: string;
    };

/**
 * Reads the τ curve shipped beside the model (`AURA_TAU_CURVE_PATH`, default `<model>.tau-curve.json`)
 * and checks it was measured on this model file (its `model.sha256`). Cached until either file
 * changes on disk, so a new model or curve is picked up without a restart.
 */
@Injectable()
export class TauCurveSource {
  private cached: { key: string; lookup: TauCurveLookup } | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async load(): Promise<TauCurveLookup> {
    const modelPath = this.config.modelPath;
    const curvePath = this.config.tauCurvePath;
    const [modelStat, curveStat] = await Promise.all([
      stat(modelPath).catch(() => null),
      stat(curvePath).catch(() => null),
    ]);
    const key = `${modelStat?.mtimeMs}:${modelStat?.size}:${curveStat?.mtimeMs}:${curveStat?.size}`;
    if (this.cached?.key === key) return this.cached.lookup;
    const lookup = await this.read(modelPath, curvePath, curveStat !== null);
    this.cached = { key, lookup };
    return lookup;
  }

  private async read(modelPath: string, curvePath: string, curveExists: boolean): Promise<TauCurveLookup> {
    const refuse = (status: 'missing' | 'invalid' | 'mismatch', message: string): TauCurveLookup => ({
      status,
      curve: null,
      modelPath,
      curvePath,
      message,
    });
    if (!curveExists) {
      return refuse(
        'missing',
        `the model ${modelPath} ships no τ curve (${curvePath} not found): nothing predicts writes, success and flash ` +
          'wear per τ for it, so the flash-life autopilot is disabled. Measure one with `pnpm model:curve --model <file>`.',
      );
    }
    let curve: TauCurve;
    try {
      curve = parseTauCurve(await readFile(curvePath, 'utf8'));
    } catch (error) {
      const why = error instanceof TauCurveError ? error.message : (error as Error).message;
      return refuse(
        'invalid',
        `the τ curve ${curvePath} cannot be used (${why}): the flash-life autopilot is disabled`,
      );
    }
    const model = await readFile(modelPath).catch(() => null);
    if (!model)
      return refuse('missing', `the model ${modelPath} cannot be read: the flash-life autopilot is disabled`);
    const sha = createHash('sha256').update(model).digest('hex');
    if (sha !== curve.model.sha256) {
      return refuse(
        'mismatch',
        `the τ curve ${curvePath} was measured on another model file (sha256 ${curve.model.sha256.slice(0, 12)}…, ` +
          `this model ${sha.slice(0, 12)}…): the flash-life autopilot is disabled until the curve is re-measured`,
      );
    }
    return { status: 'ok', curve, modelPath, curvePath, message: null };
  }
}
