import { createBackbone } from '../memory/create-backbone.js';
import { createWriteSchedule } from '../memory/create-write-schedule.js';
import { evaluateAuraMem } from '../memory/evaluate-aura-mem.js';
import { generateTaskEpisode, getTaskConfig, heldOutEpisodeSeed } from '../memory/generate-task-episode.js';
import { importAuraMemOnnx } from '../memory/import-aura-mem-onnx.js';

export interface WriteRateSimulator {
  /** Fraction of steps the committed model writes at gate threshold τ (seeded, deterministic). */
  writeRateAt(tau: number): number;
  readonly modelVersion: string;
  readonly task: string;
}

/**
 * Runs the model's own weights (read from its ONNX file) on its synthetic task at any τ and reports
 * the write rate: the simulation half of a rollout preview. Results are cached per τ.
 */
export function createWriteRateSimulator(
  modelBytes: Uint8Array,
  options: { episodes?: number; seed?: number } = {},
): WriteRateSimulator {
  const { params, metadata } = importAuraMemOnnx(modelBytes);
  const task = getTaskConfig(metadata['aura.task'] ?? '');
  const backbone = createBackbone(
    Number(metadata['aura.obsDims']),
    params.config.dModel,
    Number(metadata['aura.backboneSeed']),
  );
  const episodes = Array.from({ length: options.episodes ?? 150 }, (_, i) =>
    generateTaskEpisode(task, heldOutEpisodeSeed(options.seed ?? 20261124, i)),
  );
  const cache = new Map<number, number>();
  return {
    modelVersion: metadata['aura.version'] ?? 'unknown',
    task: task.name,
    writeRateAt(tau: number) {
      const key = Math.round(tau * 1e6) / 1e6;
      const known = cache.get(key);
      if (known !== undefined) return known;
      const result = evaluateAuraMem(
        params,
        backbone,
        episodes,
        createWriteSchedule({ kind: 'gate', tau: key }),
      );
      cache.set(key, result.writeFraction);
      return result.writeFraction;
    },
  };
}
