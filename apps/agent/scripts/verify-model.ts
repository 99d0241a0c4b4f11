// `pnpm model:verify [--model FILE] [--steps N] [--seed S] [--tau T] [--json FILE]`
// Runs the committed AURA-Mem ONNX model in onnxruntime-node against the TypeScript reference
// (same weights read from the file) on a seeded, non-resetting stream of held-out task steps.
// Exits 1 when a target is missed (see apps/agent/src/model/verify-aura-model.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { verifyAuraModel } from '../src/model/verify-aura-model.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    model: { type: 'string', default: path.join(root, 'models', 'aura-mem-v2.onnx') },
    steps: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261124' },
    tau: { type: 'string' },
    json: { type: 'string' },
  },
});

const steps = Number(args.steps);
if (!Number.isInteger(steps) || steps < 1) {
  console.error('model:verify: --steps must be a positive integer');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(args.model));
const report = await verifyAuraModel(bytes, {
  steps,
  seed: Number(args.seed),
  ...(args.tau !== undefined ? { tau: Number(args.tau) } : {}),
});
const out = { model: path.relative(root, path.resolve(args.model)), ...report };
const { targets } = report;
const row = (k: string, v: string, target = '') =>
  console.log(`${k.padEnd(34)} ${v.padStart(14)}  ${target}`);
console.log(
  `model ${out.model} (${report.version}, sha256 ${report.sha256.slice(0, 16)}…), task ${report.task}, τ ${report.tau}`,
);
console.log(
  `stream: ${report.steps} steps, seed ${report.seed}, ${report.writes} writes ` +
    `(${(100 * report.writeFraction).toFixed(1)}%), ${report.seconds.toFixed(1)} s\n`,
);
row('max |action diff|', report.maxAbsActionDiff.toExponential(2), `≤ ${targets.maxAbsActionDiff}`);
row(
  'max |state diff| (W_next, b_next)',
  report.maxAbsStateDiff.toExponential(2),
  `≤ ${targets.maxAbsStateDiff}`,
);
row(
  'decision mismatches',
  String(report.decisionMismatches),
  `= 0 (${report.ambiguousSteps} steps with |gate−τ| < 1e-6 ignored)`,
);
row('max |gate diff|', report.maxAbsGateDiff.toExponential(2));
row('closed loop: max |action diff|', report.closedLoop.maxAbsActionDiff.toExponential(2), '(info)');
row('closed loop: max |state diff|', report.closedLoop.maxAbsStateDiff.toExponential(2), '(info)');
row('closed loop: decision mismatches', String(report.closedLoop.decisionMismatches), '(info)');
console.log(`\n${report.pass ? 'PASS' : 'FAIL: a target was missed'}`);
if (args.json) {
  writeFileSync(args.json, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${args.json}`);
}
process.exit(report.pass ? 0 : 1);
