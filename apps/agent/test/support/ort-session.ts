// onnxruntime-node for code outside apps/agent (bench/step.ts): the agent package owns the dependency.
import * as ort from 'onnxruntime-node';

export { ort };

/** a CPU session with one thread, as the agent runs its models */
export function createCpuSession(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
}
