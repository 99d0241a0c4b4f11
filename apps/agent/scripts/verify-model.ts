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
const defaultModel = path.join(root, 'models', 'aura-mem-v2.onnx');
const usage = `usage: pnpm model:verify [--model FILE] [--steps N] [--seed S] [--tau T] [--json FILE]

Runs an AURA-Mem ONNX model in onnxruntime-node against the TypeScript reference (the same weights,
read from the file) on a seeded, non-resetting stream of held-out task steps; exits 1 when a target
is missed.

  --model FILE   the model to verify (default ${path.relative(process.cwd(), defaultModel) || defaultModel})
  --steps N      steps in the stream (default 10000)
  --seed S       the stream's seed, a non-negative integer (default 20261124)
  --tau T        gate threshold in (0, 1) (default: the model's own, from its metadata)
  --json FILE    also write the report as JSON`;
const fail = (message: string): never => {
  console.error(`model:verify: ${message}\n\n${usage}`);
  process.exit(2);
};

let parsed: ReturnType<typeof parseCli>;
function parseCli() {
  return parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      model: { type: 'string', default: defaultModel },
      steps: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '20261124' },
      tau: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  parsed = parseCli();
} catch (error) {
  fail((error as Error).message);
}
const { values: args } = parsed!;
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const steps = Number(args.steps);
if (!Number.isInteger(steps) || steps < 1) fail('--steps must be a positive integer');
const seed = Number(args.seed);
if (!Number.isSafeInteger(seed) || seed < 0) fail('--seed must be a non-negative integer');
const tau = args.tau === undefined ? undefined : Number(args.tau);
if (tau !== undefined && !(tau > 0 && tau < 1)) fail('--tau must be a number between 0 and 1');
let bytes: Uint8Array;
try {
  bytes = new Uint8Array(readFileSync(args.model));
} catch (error) {
  fail(
    `cannot read --model ${args.model}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  );
}
const report = await verifyAuraModel(bytes!, {
  steps,
  seed,
  ...(tau !== undefined ? { tau } : {}),
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
