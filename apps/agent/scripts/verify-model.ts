// `pnpm model:verify [--model FILE] [--steps N] [--seed S] [--tau T] [--json FILE]`
// Runs the committed AURA-Mem ONNX model in onnxruntime-node against the TypeScript reference
// (packages/core, same weights read from the file) on a seeded, non-resetting stream of task steps.
//  - per-step parity (the targets): both sides get the same z, W, b, tau at every step;
//  - closed loop (reported too): the ONNX side carries its own state for the whole stream.
// Exits 1 when a target is missed: max |action diff| ≤ 1e-4, max |state diff| ≤ 1e-5, no decision
// mismatches (ignoring steps with |gate − tau| < 1e-6).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createAuraMemState,
  createBackbone,
  createStepCache,
  generateTaskEpisode,
  getTaskConfig,
  heldOutEpisodeSeed,
  importAuraMemOnnx,
  stepAuraMem,
} from '@aura/core';
import { loadAuraModel } from '../src/model/load-aura-model.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    model: { type: 'string', default: path.join(root, 'models', 'aura-mem-hard-v1.onnx') },
    steps: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261124' },
    tau: { type: 'string' },
    json: { type: 'string' },
  },
});

const TARGETS = { maxAbsActionDiff: 1e-4, maxAbsStateDiff: 1e-5, decisionMismatches: 0 };
const AMBIGUOUS = 1e-6;

const bytes = new Uint8Array(readFileSync(args.model));
const onnxModel = await loadAuraModel(bytes);
const { params, metadata } = importAuraMemOnnx(bytes);
const task = getTaskConfig(metadata['aura.task'] ?? '');
const obsDims = Number(metadata['aura.obsDims']);
const backbone = createBackbone(obsDims, params.config.dModel, Number(metadata['aura.backboneSeed']));
const tau = Number(args.tau ?? metadata['aura.defaultTau'] ?? 0.5);
const steps = Number(args.steps);
const seed = Number(args.seed);

const cache = createStepCache(params);
let ref = createAuraMemState(params.config);
let loopW = ref.W.slice();
let loopB = ref.b.slice();
let maxAbsActionDiff = 0;
let maxAbsStateDiff = 0;
let maxAbsGateDiff = 0;
let decisionMismatches = 0;
let ambiguousSteps = 0;
let refWrites = 0;
let loopMaxAbsStateDiff = 0;
let loopMaxAbsActionDiff = 0;
let loopDecisionMismatches = 0;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
};

const start = process.hrtime.bigint();
let t = 0;
for (let e = 0; t < steps; e++) {
  const episode = generateTaskEpisode(task, heldOutEpisodeSeed(seed, e));
  for (const s of episode.steps) {
    if (t >= steps) break;
    const z = backbone.encode(s.obs);
    const r = stepAuraMem(params, ref, z, tau, cache);
    const o = await onnxModel.step(z, ref.W, ref.b, tau);
    const ambiguous = Math.abs(r.gate - tau) < AMBIGUOUS || Math.abs(o.gate - tau) < AMBIGUOUS;
    if (ambiguous) ambiguousSteps++;
    else if (o.wrote !== r.wrote) decisionMismatches++;
    maxAbsGateDiff = Math.max(maxAbsGateDiff, Math.abs(o.gate - r.gate));
    maxAbsActionDiff = Math.max(maxAbsActionDiff, maxDiff(o.action, r.action));
    maxAbsStateDiff = Math.max(maxAbsStateDiff, maxDiff(o.W, r.state.W), maxDiff(o.b, r.state.b));

    const l = await onnxModel.step(z, loopW, loopB, tau);
    if (!ambiguous && l.wrote !== r.wrote) loopDecisionMismatches++;
    loopMaxAbsActionDiff = Math.max(loopMaxAbsActionDiff, maxDiff(l.action, r.action));
    loopW = l.W.slice();
    loopB = l.b.slice();
    loopMaxAbsStateDiff = Math.max(loopMaxAbsStateDiff, maxDiff(loopW, r.state.W), maxDiff(loopB, r.state.b));

    if (r.wrote) refWrites++;
    ref = r.state;
    t++;
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
await onnxModel.release();

const report = {
  model: path.relative(root, path.resolve(args.model)),
  sha256: onnxModel.sha256,
  version: metadata['aura.version'],
  task: task.name,
  tau,
  seed,
  steps: t,
  maxAbsActionDiff,
  maxAbsStateDiff,
  decisionMismatches,
  maxAbsGateDiff,
  ambiguousSteps,
  writes: refWrites,
  writeFraction: refWrites / t,
  closedLoop: {
    maxAbsActionDiff: loopMaxAbsActionDiff,
    maxAbsStateDiff: loopMaxAbsStateDiff,
    decisionMismatches: loopDecisionMismatches,
  },
  targets: TARGETS,
  seconds: Number(seconds.toFixed(2)),
  pass:
    maxAbsActionDiff <= TARGETS.maxAbsActionDiff &&
    maxAbsStateDiff <= TARGETS.maxAbsStateDiff &&
    decisionMismatches <= TARGETS.decisionMismatches,
};

const row = (k: string, v: string, target = '') =>
  console.log(`${k.padEnd(34)} ${v.padStart(14)}  ${target}`);
console.log(
  `model ${report.model} (${report.version}, sha256 ${report.sha256.slice(0, 16)}…), task ${task.name}, τ ${tau}`,
);
console.log(
  `stream: ${t} steps, seed ${seed}, ${refWrites} writes (${(100 * report.writeFraction).toFixed(1)}%), ${seconds.toFixed(1)} s\n`,
);
row('max |action diff|', maxAbsActionDiff.toExponential(2), `≤ ${TARGETS.maxAbsActionDiff}`);
row('max |state diff| (W_next, b_next)', maxAbsStateDiff.toExponential(2), `≤ ${TARGETS.maxAbsStateDiff}`);
row(
  'decision mismatches',
  String(decisionMismatches),
  `= 0 (${ambiguousSteps} steps with |gate−τ| < 1e-6 ignored)`,
);
row('max |gate diff|', maxAbsGateDiff.toExponential(2));
row('closed loop: max |action diff|', loopMaxAbsActionDiff.toExponential(2), '(info)');
row('closed loop: max |state diff|', loopMaxAbsStateDiff.toExponential(2), '(info)');
row('closed loop: decision mismatches', String(loopDecisionMismatches), '(info)');
console.log(`\n${report.pass ? 'PASS' : 'FAIL'}`);
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${args.json}`);
}
process.exit(report.pass ? 0 : 1);
