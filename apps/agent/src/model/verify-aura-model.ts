import {
  type AuraMemParams,
  createAuraMemState,
  createBackbone,
  createStepCache,
  DEFAULT_TAU,
  generateTaskEpisode,
  getTaskConfig,
  heldOutEpisodeSeed,
  importAuraMemOnnx,
  stepAuraMem,
} from '@aura/core';
import { loadAuraModel } from './load-aura-model.js';

export const VERIFY_TARGETS = {
  maxAbsActionDiff: 1e-4,
  maxAbsStateDiff: 1e-5,
  decisionMismatches: 0,
} as const;
/** steps whose gate is this close to τ are ambiguous in fp32 and not counted as decision mismatches */
export const AMBIGUOUS_GATE = 1e-6;

export interface VerifyOptions {
  steps: number;
  seed: number;
  /** defaults to the model's aura.defaultTau, else DEFAULT_TAU (0.5) */
  tau?: number;
  /** reference weights; defaults to the weights read from the model file itself */
  referenceParams?: AuraMemParams;
}

export interface VerifyReport {
  sha256: string;
  version: string | undefined;
  task: string;
  tau: number;
  seed: number;
  steps: number;
  maxAbsActionDiff: number;
  maxAbsStateDiff: number;
  decisionMismatches: number;
  maxAbsGateDiff: number;
  ambiguousSteps: number;
  writes: number;
  writeFraction: number;
  closedLoop: { maxAbsActionDiff: number; maxAbsStateDiff: number; decisionMismatches: number };
  targets: typeof VERIFY_TARGETS;
  seconds: number;
  pass: boolean;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
};

/**
 * Runs an AURA-Mem ONNX model in onnxruntime-node against the TypeScript reference on a seeded,
 * non-resetting stream of held-out task steps (task, backbone seed and observation width from the
 * model's metadata).
 *  - per step (the targets): both sides get the same z, W, b, τ at every step;
 *  - closed loop (reported): onnxruntime carries its own state over the whole stream.
 */
export async function verifyAuraModel(bytes: Uint8Array, options: VerifyOptions): Promise<VerifyReport> {
  const onnxModel = await loadAuraModel(bytes);
  const imported = importAuraMemOnnx(bytes);
  const params = options.referenceParams ?? imported.params;
  const metadata = imported.metadata;
  const task = getTaskConfig(metadata['aura.task'] ?? '');
  const backbone = createBackbone(
    Number(metadata['aura.obsDims']),
    params.config.dModel,
    Number(metadata['aura.backboneSeed']),
  );
  const tau = options.tau ?? Number(metadata['aura.defaultTau'] ?? DEFAULT_TAU);
  const cache = createStepCache(params);
  let ref = createAuraMemState(params.config);
  let loopW = ref.W.slice();
  let loopB = ref.b.slice();
  const r0 = {
    maxAbsActionDiff: 0,
    maxAbsStateDiff: 0,
    decisionMismatches: 0,
    maxAbsGateDiff: 0,
    ambiguousSteps: 0,
    writes: 0,
  };
  const loop = { maxAbsActionDiff: 0, maxAbsStateDiff: 0, decisionMismatches: 0 };
  const start = process.hrtime.bigint();
  let t = 0;
  try {
    for (let e = 0; t < options.steps; e++) {
      const episode = generateTaskEpisode(task, heldOutEpisodeSeed(options.seed, e));
      for (const s of episode.steps) {
        if (t >= options.steps) break;
        const z = backbone.encode(s.obs);
        const r = stepAuraMem(params, ref, z, tau, cache);
        const o = await onnxModel.step(z, ref.W, ref.b, tau);
        const ambiguous = Math.abs(r.gate - tau) < AMBIGUOUS_GATE || Math.abs(o.gate - tau) < AMBIGUOUS_GATE;
        if (ambiguous) r0.ambiguousSteps++;
        else if (o.wrote !== r.wrote) r0.decisionMismatches++;
        r0.maxAbsGateDiff = Math.max(r0.maxAbsGateDiff, Math.abs(o.gate - r.gate));
        r0.maxAbsActionDiff = Math.max(r0.maxAbsActionDiff, maxDiff(o.action, r.action));
        r0.maxAbsStateDiff = Math.max(r0.maxAbsStateDiff, maxDiff(o.W, r.state.W), maxDiff(o.b, r.state.b));

        const l = await onnxModel.step(z, loopW, loopB, tau);
        if (!ambiguous && l.wrote !== r.wrote) loop.decisionMismatches++;
        loop.maxAbsActionDiff = Math.max(loop.maxAbsActionDiff, maxDiff(l.action, r.action));
        loopW = l.W.slice();
        loopB = l.b.slice();
        loop.maxAbsStateDiff = Math.max(
          loop.maxAbsStateDiff,
          maxDiff(loopW, r.state.W),
          maxDiff(loopB, r.state.b),
        );

        if (r.wrote) r0.writes++;
        ref = r.state;
        t++;
      }
    }
  } finally {
    await onnxModel.release();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    sha256: onnxModel.sha256,
    version: metadata['aura.version'],
    task: task.name,
    tau,
    seed: options.seed,
    steps: t,
    ...r0,
    writeFraction: t ? r0.writes / t : 0,
    closedLoop: loop,
    targets: VERIFY_TARGETS,
    seconds: Number(seconds.toFixed(2)),
    pass:
      r0.maxAbsActionDiff <= VERIFY_TARGETS.maxAbsActionDiff &&
      r0.maxAbsStateDiff <= VERIFY_TARGETS.maxAbsStateDiff &&
      r0.decisionMismatches <= VERIFY_TARGETS.decisionMismatches,
  };
}
