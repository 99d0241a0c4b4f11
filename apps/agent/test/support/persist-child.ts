// Child process for the kill -9 tests: runs the agent loop with persistence in a directory until it
// is killed. Prints `ready <steps> <writes>` after recovery and `w <writes>` after each durable write.
import path from 'node:path';
import { PersistModeSchema } from '@aura/core';
import { loadAuraModel } from '../../src/model/load-aura-model.js';
import { openStateStore } from '../../src/persistence/state-store.js';
import { AgentRuntime } from '../../src/runtime/agent-runtime.js';
import { featuresFromModelMetadata, SyntheticTaskEnvironment } from '../../src/runtime/environment.js';

const [dir, modeArg, checkpointArg] = process.argv.slice(2);
if (!dir || !modeArg) throw new Error('usage: persist-child DIR MODE [CHECKPOINT_EVERY]');
const mode = PersistModeSchema.parse(modeArg);
const modelPath = path.resolve(import.meta.dirname, '../../../../models/aura-mem-hard-v1.onnx');
const model = await loadAuraModel(modelPath);
const store = openStateStore({
  mode,
  dir,
  dims: model.dims,
  checkpointEvery: Number(checkpointArg ?? 16),
  keepHistory: true,
});
const features = featuresFromModelMetadata(model.metadata, model.dims.dModel);
if (!features) throw new Error('model metadata names no backbone');
const env = new SyntheticTaskEnvironment('hard', 1, store.initial.steps);
const runtime = new AgentRuntime({ model, features, env, store, tau: 0.5 });
process.stdout.write(`ready ${runtime.totals.steps} ${runtime.totals.writes}\n`);
for (;;) {
  const r = await runtime.step();
  if (r.wrote) process.stdout.write(`w ${runtime.totals.writes}\n`);
}
