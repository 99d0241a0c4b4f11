import { readFile } from 'node:fs/promises';
import { describeOnnxModel, type ModelDescription } from '@aura/core';
import * as ort from 'onnxruntime-node';
import { disableOnnxRuntimeTelemetry } from '../model/onnxruntime-telemetry.js';
import type { FeatureExtractor } from './environment.js';

/** A backbone ONNX whose interface does not fit the memory model; the message names the mismatch. */
export class BackboneMismatchError extends Error {
  readonly code = 'BACKBONE_MISMATCH';
  constructor(
    readonly source: string,
    readonly mismatches: string[],
  ) {
    super(`refusing backbone model ${source}: ${mismatches.join('; ')}`);
    this.name = 'BackboneMismatchError';
  }
}

/**
 * Loads a user backbone ONNX (observation → z): one float32 input `[1, dObs]`, and z taken from the
 * output named `z` or else the first output, float32 `[1, dModel]`. Its width must equal the memory
 * model's dModel (and its input the environment's observation width when given).
 */
export async function loadOnnxBackbone(
  source: string | Uint8Array,
  expected: { dModel: number; obsDims?: number },
): Promise<FeatureExtractor> {
  const bytes = typeof source === 'string' ? new Uint8Array(await readFile(source)) : source;
  const label = typeof source === 'string' ? source : '(buffer)';
  let d: ModelDescription;
  try {
    d = describeOnnxModel(bytes);
  } catch (err) {
    throw new BackboneMismatchError(label, [`not a readable ONNX model (${(err as Error).message})`]);
  }
  const problems: string[] = [];
  const input = d.inputs[0];
  const output = d.outputs.find((o) => o.name === 'z') ?? d.outputs[0];
  if (d.inputs.length !== 1 || !input) problems.push(`expected exactly one input, found ${d.inputs.length}`);
  if (!output) problems.push('model has no outputs');
  if (output) {
    if (output.type !== 'float32')
      problems.push(`output "${output.name}" is ${output.type}, expected float32`);
    const width = output.shape[output.shape.length - 1];
    if (output.shape.length !== 2) {
      problems.push(
        `output "${output.name}" has shape [${output.shape.join(', ')}], expected [1, ${expected.dModel}]`,
      );
    } else if (width !== expected.dModel) {
      problems.push(
        `output "${output.name}" has width ${String(width)}, the memory model expects z of ${expected.dModel} (aura.dModel)`,
      );
    }
  }
  if (input) {
    if (input.type !== 'float32') problems.push(`input "${input.name}" is ${input.type}, expected float32`);
    const width = input.shape[input.shape.length - 1];
    if (expected.obsDims !== undefined && typeof width === 'number' && width !== expected.obsDims) {
      problems.push(`input "${input.name}" has width ${width}, the environment observes ${expected.obsDims}`);
    }
  }
  if (problems.length > 0 || !input || !output) throw new BackboneMismatchError(label, problems);
  disableOnnxRuntimeTelemetry();
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const inName = input.name;
  const outName = output.name;
  const obsWidth = input.shape[input.shape.length - 1];
  return {
    dModel: expected.dModel,
    ...(typeof obsWidth === 'number' ? { obsDims: obsWidth } : {}),
    source: label,
    async encode(obs) {
      const out = await session.run({ [inName]: new ort.Tensor('float32', obs, [1, obs.length]) });
      const z = out[outName]?.data as Float32Array | undefined;
      if (!z || z.length !== expected.dModel) {
        throw new BackboneMismatchError(label, [
          `produced ${z?.length ?? 0} values for z, expected ${expected.dModel}`,
        ]);
      }
      return z;
    },
    release: () => session.release(),
  };
}
