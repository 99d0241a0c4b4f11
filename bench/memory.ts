// `pnpm bench memory [--json FILE]`: AURA-Mem state vs a same-dimension KV-cache vs full-backbone KV.
// Imports core by relative path: the workspace root does not depend on @aura/core.
// Pure arithmetic (no timing), so the numbers are exact and machine-independent.
import { writeFileSync } from 'node:fs';
import {
  BACKBONES,
  type BackboneName,
  computeKvCacheBytes,
  computeStateBytes,
  estimateBackboneKvBytesPerStep,
} from '@aura/core';
import { parseScriptArgs } from '@aura/core/script-args';

const { args } = parseScriptArgs('bench memory', 'usage: pnpm bench memory [--json FILE]', {
  json: { type: 'string' },
});
const jsonFile = args.json;

const dims = { dKey: 32, dVal: 32, batch: 1 };
const stateBytes = computeStateBytes(dims);
const stepCounts = [1, 100, 520, 1000, 10_000, 100_000];
const kvBytes: Record<string, number> = {};
for (const t of stepCounts) kvBytes[String(t)] = computeKvCacheBytes(t, dims);
const ratioAt100k = Math.round(computeKvCacheBytes(100_000, dims) / stateBytes);
const backboneKvBytesPerStep: Record<string, number> = {};
for (const name of Object.keys(BACKBONES) as BackboneName[]) {
  backboneKvBytesPerStep[name] = estimateBackboneKvBytesPerStep(name);
}

const fmt = (n: number) => n.toLocaleString('en-US');
console.log(
  `AURA-Mem state (dKey=${dims.dKey}, dVal=${dims.dVal}, fp32, batch 1): ${fmt(stateBytes)} B, constant`,
);
console.log('');
console.log('steps      | same-dim KV-cache (B) | KV / AURA state');
console.log('-----------|-----------------------|----------------');
for (const t of stepCounts) {
  const kv = kvBytes[String(t)] ?? 0;
  console.log(
    `${fmt(t).padEnd(10)} | ${fmt(kv).padStart(21)} | ${(kv / stateBytes).toFixed(2).padStart(14)}x`,
  );
}
console.log('');
console.log(`ratio at 100,000 steps: ${fmt(ratioAt100k)}x`);
console.log('');
console.log('full-backbone KV-cache per step (one token per step):');
for (const [name, bytes] of Object.entries(backboneKvBytesPerStep)) {
  const spec = BACKBONES[name as BackboneName];
  console.log(
    `  ${name.padEnd(10)} ${fmt(bytes).padStart(9)} B/step  (${spec.layers} layers, hidden ${spec.hidden}, ` +
      `${spec.kvHeads}/${spec.heads} KV heads, ${spec.dtype}; ${spec.note}) = ${(bytes / stateBytes).toFixed(1)}x the AURA state per step`,
  );
}

if (jsonFile) {
  const out = { bench: 'memory', dims, stateBytes, kvBytes, ratioAt100k, backboneKvBytesPerStep };
  writeFileSync(jsonFile, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${jsonFile}`);
}
