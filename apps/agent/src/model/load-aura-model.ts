import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  checkModelContract,
  describeOnnxModel,
  type ExpectedModelDims,
  type ModelDescription,
} from '@aura/core';
import * as ort from 'onnxruntime-node';

/** A model that does not match the AURA-Mem step contract; `mismatches` names each problem. */
export class ModelContractError extends Error {
  readonly code = 'MODEL_CONTRACT_MISMATCH';
  constructor(
    readonly source: string,
    readonly mismatches: string[],
  ) {
    super(`refusing AURA-Mem model ${source}: ${mismatches.join('; ')}`);
    this.name = 'ModelContractError';
  }
}

export interface AuraModelDims {
  dModel: number;
  dKey: number;
  dVal: number;
  dAction: number;
}

export interface AuraStepOutput {
  action: Float32Array;
  gate: number;
  wrote: boolean;
  W: Float32Array;
  b: Float32Array;
  surprise: number;
}

export interface AuraModel {
  dims: AuraModelDims;
  metadata: Record<string, string>;
  sha256: string;
  /** one `session.run`: the step graph of DESIGN.md §3 */
  step(z: Float32Array, W: Float32Array, b: Float32Array, tau: number): Promise<AuraStepOutput>;
  release(): Promise<void>;
}

/**
 * Loads an AURA-Mem ONNX model (path or bytes), checks it against the step contract before creating
 * a session, and refuses a mismatching model with a {@link ModelContractError} naming each mismatch.
 */
export async function loadAuraModel(
  source: string | Uint8Array,
  expected: ExpectedModelDims = { dKey: 32, dVal: 32 },
): Promise<AuraModel> {
  const bytes = typeof source === 'string' ? new Uint8Array(await readFile(source)) : source;
  const label = typeof source === 'string' ? source : '(buffer)';
  let description: ModelDescription;
  try {
    description = describeOnnxModel(bytes);
  } catch (err) {
    throw new ModelContractError(label, [`not a readable ONNX model (${(err as Error).message})`]);
  }
  const mismatches = checkModelContract(description, expected);
  if (mismatches.length > 0) throw new ModelContractError(label, mismatches);
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  // the runtime must see the same interface the description reported
  const runtimeProblems = [
    ...['z', 'W', 'b', 'tau']
      .filter((n) => !session.inputNames.includes(n))
      .map((n) => `runtime input "${n}" missing`),
    ...['action', 'gate', 'wrote', 'W_next', 'b_next', 'surprise']
      .filter((n) => !session.outputNames.includes(n))
      .map((n) => `runtime output "${n}" missing`),
  ];
  if (runtimeProblems.length > 0) {
    await session.release();
    throw new ModelContractError(label, runtimeProblems);
  }
  const m = description.metadata;
  const dims: AuraModelDims = {
    dModel: Number(m['aura.dModel']),
    dKey: Number(m['aura.dKey']),
    dVal: Number(m['aura.dVal']),
    dAction: Number(m['aura.dAction']),
  };
  const tauBuf = new Float32Array(1);
  return {
    dims,
    metadata: { ...m },
    sha256: createHash('sha256').update(bytes).digest('hex'),
    async step(z, W, b, tau) {
      tauBuf[0] = tau;
      const out = await session.run({
        z: new ort.Tensor('float32', z, [1, dims.dModel]),
        W: new ort.Tensor('float32', W, [1, dims.dKey, dims.dVal]),
        b: new ort.Tensor('float32', b, [1, dims.dVal]),
        tau: new ort.Tensor('float32', tauBuf, [1]),
      });
      const data = (name: string) => {
        const t = out[name];
        if (!t) throw new Error(`model produced no "${name}" output`);
        return t.data;
      };
      const f32 = (name: string) => data(name) as Float32Array;
      return {
        action: f32('action'),
        gate: f32('gate')[0] as number,
        wrote: Boolean((data('wrote') as Uint8Array | boolean[])[0]),
        W: f32('W_next'),
        b: f32('b_next'),
        surprise: f32('surprise')[0] as number,
      };
    },
    release: () => session.release(),
  };
}
