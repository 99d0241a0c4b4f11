// Shared by the analysis scripts (memory-diagnostics.ts, probe-gate-read.ts, tau-curve.ts): read an AURA-Mem
// ONNX file and rebuild what evaluating it needs from its metadata — the layer's weights, its task, the frozen
// backbone it was trained against and its default τ.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type AuraMemParams,
  type Backbone,
  createBackbone,
  getTaskConfig,
  importAuraMemOnnx,
  type TaskConfig,
} from '../src/memory/index.js';

export interface ModelForAnalysis {
  /** absolute path of the file */
  file: string;
  /** file name without `.onnx` */
  name: string;
  sha256: string;
  params: AuraMemParams;
  metadata: Record<string, string>;
  task: TaskConfig;
  backbone: Backbone;
  /** `aura.defaultTau`, 0.5 when absent */
  defaultTau: number;
}

/**
 * Loads `file` and rebuilds its backbone (`aura.obsDims`, `aura.backboneSeed`) and task (`aura.task`, or
 * `fallbackTask` for a file without it; `getTaskConfig` throws on an unknown name).
 */
export function loadModelForAnalysis(file: string, fallbackTask = ''): ModelForAnalysis {
  const resolved = path.resolve(file);
  const bytes = new Uint8Array(readFileSync(resolved));
  const { params, metadata } = importAuraMemOnnx(bytes);
  return {
    file: resolved,
    name: path.basename(resolved).replace(/\.onnx$/, ''),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    params,
    metadata,
    task: getTaskConfig(metadata['aura.task'] ?? fallbackTask),
    backbone: createBackbone(
      Number(metadata['aura.obsDims']),
      params.config.dModel,
      Number(metadata['aura.backboneSeed']),
    ),
    defaultTau: Number(metadata['aura.defaultTau'] ?? '0.5'),
  };
}
