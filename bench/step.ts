// `pnpm bench step [--quick] [--model FILE] [--json FILE]`: per-step latency and resident memory of the AURA-Mem
// step in onnxruntime-node, against a KV-cache attention step (an ONNX graph of the same widths) at
// T = 1,000 / 10,000 / 100,000, and the bare cost of one session.run on a trivial graph (the floor),
// all in the same run, and the contract's interface alone (4 inputs, 6 outputs, no math). AURA's RSS is sampled over ≥ 1,000,000 steps of the full agent loop.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs } from '@aura/core/script-args';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const { args: options } = parseScriptArgs(
  'bench step',
  'usage: pnpm bench step [--quick] [--model FILE] [--json FILE]',
  { quick: { type: 'boolean', default: false }, model: { type: 'string' }, json: { type: 'string' } },
);

// bench/run.mjs starts tsx's cli, which relaunches node without the `@aura/source` condition, so the
// workspace packages would resolve to their (possibly stale) dist builds. Re-run with the condition.
if (!process.env.AURA_BENCH_STEP_CHILD) {
  const tsx = path.join(here, '..', 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
  const r = spawnSync(
    process.execPath,
    ['--conditions=@aura/source', '--expose-gc', '--import', tsx, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit', env: { ...process.env, AURA_BENCH_STEP_CHILD: '1' } },
  );
  process.exit(r.status ?? 1);
}

const { computeKvCacheBytes, computeStateBytes } = await import('@aura/core');
const {
  AgentRuntime,
  createSession,
  featuresFromModelMetadata,
  loadAuraModel,
  openStateStore,
  SyntheticTaskEnvironment,
  Tensor,
} = await import('@aura/agent/runtime');
const {
  buildAddChainGraph,
  buildContractIoGraph,
  buildIdentityGraph,
  buildKvAttentionGraph,
  countGraphNodes,
} = await import('@aura/testing/onnx-graphs');
const { readFileSync } = await import('node:fs');

const quick = options.quick;
const jsonFile = options.json;
const modelPath = path.resolve(options.model ?? path.join(here, '..', 'models', 'aura-mem-hard-v1.onnx'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const plan = quick
  ? {
      latencySteps: 3000,
      warmup: 300,
      kvSteps: { 1000: 400, 10000: 200, 100000: 60 },
      rssSteps: Number(process.env.AURA_BENCH_RSS_STEPS ?? 50_000),
    }
  : {
      latencySteps: 30_000,
      warmup: 2000,
      kvSteps: { 1000: 3000, 10000: 1000, 100000: 300 },
      rssSteps: 1_000_000,
    };

function percentiles(samples: number[]): { p50Us: number; p99Us: number } {
  const s = Float64Array.from(samples).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50Us: r(at(0.5)), p99Us: r(at(0.99)) };
}

async function timeIt(n: number, warmup: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return percentiles(samples);
}

const model = await loadAuraModel(modelPath);
const { dModel, dKey, dVal, dAction } = model.dims;
const dHidden = Number(model.metadata['aura.dHidden'] ?? 48);
const rng = (() => {
  let s = 12345;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
})();
const zs = Array.from({ length: 256 }, () =>
  Float32Array.from({ length: dModel }, () => Math.tanh(rng() * 3)),
);

// 1. AURA's resident memory over the full agent loop (synthetic robot, frozen backbone, no
//    persistence); first, before the other graphs and the large KV tensors touch the heap
const features = featuresFromModelMetadata(model.metadata, dModel);
if (!features) throw new Error('model names no backbone');
const tmp = mkdtempSync(path.join(tmpdir(), 'aura-bench-step-'));
const runtime = new AgentRuntime({
  model,
  features,
  env: new SyntheticTaskEnvironment(model.metadata['aura.task'] ?? 'hard', 1),
  store: openStateStore({ mode: 'none', dir: tmp, dims: model.dims }),
  tau: 0.5,
});
const warm = Math.min(50_000, plan.rssSteps / 10);
for (let i = 0; i < warm; i++) await runtime.step();
runtime.takeWindow();
gc();
const rssStart = process.memoryUsage.rss();
const rssSamples: number[] = [];
const t0 = Date.now();
const every = plan.rssSteps / 20;
for (let i = 1; i <= plan.rssSteps; i++) {
  await runtime.step();
  if (i % every === 0) {
    runtime.takeWindow(); // the agent closes a telemetry window periodically; latency samples are freed
    gc();
    rssSamples.push(process.memoryUsage.rss());
  }
}
const loopSeconds = (Date.now() - t0) / 1000;
const rssEnd = rssSamples[rssSamples.length - 1] ?? process.memoryUsage.rss();
rmSync(tmp, { recursive: true, force: true });

// 2. the floor: one session.run of an Identity graph on a [1, dModel] tensor
const floorSession = await createSession(buildIdentityGraph(dModel));
const floor = await timeIt(plan.latencySteps, plan.warmup, (i) =>
  floorSession.run({ x: new Tensor('float32', zs[i % zs.length] as Float32Array, [1, dModel]) }),
);
await floorSession.release();

// 2b. onnxruntime's cost of a graph as large as the model's: a chain of as many trivial Add nodes
const modelNodes = countGraphNodes(new Uint8Array(readFileSync(modelPath)));
const chainSession = await createSession(buildAddChainGraph(dModel, modelNodes));
const chain = await timeIt(plan.latencySteps, plan.warmup, (i) =>
  chainSession.run({ x: new Tensor('float32', zs[i % zs.length] as Float32Array, [1, dModel]) }),
);
await chainSession.release();

// 2c. the contract's interface alone: the four inputs in, six outputs out, one trivial node each
const ioSession = await createSession(buildContractIoGraph({ dModel, dKey, dVal, dAction }));
const ioFeeds = {
  z: new Tensor('float32', zs[0] as Float32Array, [1, dModel]),
  W: new Tensor('float32', new Float32Array(dKey * dVal), [1, dKey, dVal]),
  b: new Tensor('float32', new Float32Array(dVal), [1, dVal]),
  tau: new Tensor('float32', Float32Array.of(0.5), [1]),
};
const io = await timeIt(plan.latencySteps, plan.warmup, () => ioSession.run(ioFeeds));
await ioSession.release();

// 3. the AURA step: one session.run of the committed model, state carried between steps
const W = new Float32Array(dKey * dVal);
const b = new Float32Array(dVal);
const aura = await timeIt(plan.latencySteps, plan.warmup, async (i) => {
  const out = await model.step(zs[i % zs.length] as Float32Array, W, b, 0.5);
  if (out.wrote) {
    W.set(out.W);
    b.set(out.b);
  }
});

// 4. the KV-cache attention step at fixed T: the cache of T entries goes in, T+1 come out (the
//    append); the next step reuses the T-entry cache so T stays fixed while measuring
const kvSession = await createSession(buildKvAttentionGraph({ dModel, dKey, dVal, dHidden, dAction }));
const kv: Record<string, { p50Us: number; p99Us: number; stateBytes: number }> = {};
for (const [T, n] of Object.entries(plan.kvSteps).map(([t, n]) => [Number(t), n] as const)) {
  const K = new Tensor(
    'float32',
    Float32Array.from({ length: T * dKey }, () => rng()),
    [T, dKey],
  );
  const V = new Tensor(
    'float32',
    Float32Array.from({ length: T * dVal }, () => rng()),
    [T, dVal],
  );
  const r = await timeIt(n, Math.min(plan.warmup, Math.ceil(n / 5)), (i) =>
    kvSession.run({ z: new Tensor('float32', zs[i % zs.length] as Float32Array, [1, dModel]), K, V }),
  );
  kv[String(T)] = { ...r, stateBytes: computeKvCacheBytes(T, { dKey, dVal }) };
}
await kvSession.release();

await model.release();

const result = {
  bench: 'step',
  quick,
  machine: 'shared 2-core machine; one onnxruntime thread per session',
  model: {
    file: path.relative(path.join(here, '..'), modelPath),
    sha256: model.sha256,
    nodes: modelNodes,
    dModel,
    dKey,
    dVal,
    dAction,
    dHidden,
  },
  floorUs: floor.p50Us,
  floor,
  /** one session.run of a chain of as many Add nodes as the model's graph has */
  chain: { ...chain, nodes: modelNodes },
  /** one session.run of a graph with the step contract's inputs and outputs and no math */
  contractIo: io,
  contractIoVsFloor: Math.round((io.p50Us / floor.p50Us) * 100) / 100,
  auraVsFloor: Math.round((aura.p50Us / floor.p50Us) * 100) / 100,
  auraVsChain: Math.round((aura.p50Us / chain.p50Us) * 100) / 100,
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  aura: {
    ...aura,
    rssGrowthBytes: rssEnd - rssStart,
    steps: plan.rssSteps,
    stateBytes: computeStateBytes({ dKey, dVal }),
    rssStartBytes: rssStart,
    rssEndBytes: rssEnd,
    rssMaxBytes: Math.max(...rssSamples),
    /** growth over the second half of the run: a leak grows here too, a one-off heap step does not */
    rssGrowthSecondHalfBytes: rssEnd - (rssSamples[Math.floor(rssSamples.length / 2) - 1] ?? rssStart),
    rssSamplesBytes: rssSamples,
    loopStepsPerSecond: Math.round(plan.rssSteps / loopSeconds),
  },
  kv,
  ratios: Object.fromEntries(
    Object.entries(kv).map(([T, k]) => [
      T,
      {
        p50VsAura: Math.round((k.p50Us / aura.p50Us) * 100) / 100,
        stateVsAura: Math.round(k.stateBytes / computeStateBytes({ dKey, dVal })),
      },
    ]),
  ),
  method: {
    aura: 'one session.run of the committed AURA-Mem step graph per step (z from a fixed pool), state carried',
    kv:
      'one session.run of a KV-attention step graph of the same widths (projections, softmax attention over ' +
      'the cache plus this step, tanh action head); a fixed T-entry cache goes in and T+1 entries come out',
    floor: 'one session.run of an Identity graph on a [1, dModel] float32 tensor',
    contractIo:
      'one session.run of a graph with the contract inputs (z, W, b, tau) and outputs (action, gate, wrote, ' +
      'W_next, b_next, surprise), one trivial node each: the interface cost without the model',
    chain:
      "one session.run of a chain of as many elementwise Add nodes as the model's graph: onnxruntime's per-node cost without the model's math",
    rss:
      'full agent loop (synthetic robot, frozen backbone, AURA step, no persistence); RSS after gc, ' +
      'growth = last sample − first sample after warm-up',
  },
};

const fmt = (n: number) => n.toLocaleString('en-US');
console.log(
  `AURA-Mem step vs KV-cache attention step (onnxruntime-node, 1 thread)${quick ? ' [quick]' : ''}`,
);
console.log('');
console.log('step                 |   p50 µs |   p99 µs | state bytes  | p50 / AURA');
console.log('---------------------|----------|----------|--------------|-----------');
const row = (name: string, r: { p50Us: number; p99Us: number }, bytes: string, ratio: string) =>
  console.log(
    `${name.padEnd(20)} | ${r.p50Us.toFixed(1).padStart(8)} | ${r.p99Us.toFixed(1).padStart(8)} | ${bytes.padStart(12)} | ${ratio.padStart(9)}`,
  );
row('floor (Identity)', floor, '-', (floor.p50Us / aura.p50Us).toFixed(2));
row(`chain (${modelNodes} Adds)`, chain, '-', (chain.p50Us / aura.p50Us).toFixed(2));
row('contract I/O only', io, '-', (io.p50Us / aura.p50Us).toFixed(2));
row('AURA-Mem', aura, fmt(result.aura.stateBytes), '1.00');
for (const [T, k] of Object.entries(kv))
  row(`KV T=${fmt(Number(T))}`, k, fmt(k.stateBytes), (k.p50Us / aura.p50Us).toFixed(2));
console.log('');
console.log(
  `AURA p50 = ${result.auraVsFloor}× the floor, ${result.auraVsChain}× a ${modelNodes}-node chain of trivial kernels; ` +
    `the contract's I/O alone = ${result.contractIoVsFloor}× the floor (load average ${result.loadAverage.join(' ')})`,
);
console.log(
  `AURA RSS over ${fmt(plan.rssSteps)} loop steps (${fmt(result.aura.loopStepsPerSecond)} steps/s): ` +
    `${fmt(rssStart)} → ${fmt(rssEnd)} B (growth ${fmt(rssEnd - rssStart)} B, second half ` +
    `${fmt(result.aura.rssGrowthSecondHalfBytes)} B, max ${fmt(result.aura.rssMaxBytes)} B); a same-dimension ` +
    `KV cache would hold ${fmt(computeKvCacheBytes(plan.rssSteps, { dKey, dVal }))} B after as many steps`,
);
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${jsonFile}`);
}
