import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  checkModelContract,
  describeOnnxModel,
  type ExpectedModelDims,
  type ModelDescription,
} from '@aura/core';
import * as ort from 'onnxruntime-node';
import { disableOnnxRuntimeTelemetry } from './onnxruntime-telemetry.js';

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

/** The model file is not the one the configuration names (sha256 differs). */
export class ModelChecksumError extends Error {
  readonly code = 'MODEL_CHECKSUM_MISMATCH';
  constructor(
    readonly source: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`refusing model ${source}: sha256 is ${actual}, the configuration expects ${expected}`);
    this.name = 'ModelChecksumError';
  }
}

/** A requested onnxruntime execution provider cannot be used on this machine. */
export class ExecutionProviderError extends Error {
  readonly code = 'EXECUTION_PROVIDER_UNAVAILABLE';
  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExecutionProviderError';
  }
}

export interface AuraModelDims {
  dModel: number;
  dKey: number;
  dVal: number;
  dAction: number;
}

/**
 * One step's outputs. The object and its arrays belong to the model and are overwritten by its
 * next step: copy what must outlive it.
 */
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
  /** execution providers the session was created with */
  executionProviders: string[];
  /**
   * One `session.run` of the step graph of DESIGN.md §3, with inputs bound once per caller array:
   * no tensors or feeds are made per step on this side of onnxruntime. Steps on one model run one at
   * a time (a call made while one runs waits for it); the returned object is reused by the next step.
   */
  step(z: Float32Array, W: Float32Array, b: Float32Array, tau: number): Promise<AuraStepOutput>;
  release(): Promise<void>;
}

export interface LoadAuraModelOptions {
  /** onnxruntime execution providers in order of preference (default `['cpu']`) */
  executionProviders?: readonly string[];
  /** refuse the file unless its sha256 (hex) is this */
  sha256?: string;
}

const INPUTS = ['z', 'W', 'b', 'tau'] as const;
const OUTPUTS = ['action', 'gate', 'wrote', 'W_next', 'b_next', 'surprise'] as const;

/** The execution providers this onnxruntime-node build knows, and which of them ship in the package. */
export function knownExecutionProviders(): { name: string; bundled: boolean }[] {
  return ort.listSupportedBackends();
}

/**
 * Creates an onnxruntime session (one intra-op thread) with the requested execution providers,
 * refusing an unknown or unavailable one with an {@link ExecutionProviderError} that names it.
 */
export async function createSession(
  bytes: Uint8Array,
  executionProviders: readonly string[] = ['cpu'],
): Promise<ort.InferenceSession> {
  const known = knownExecutionProviders();
  for (const ep of executionProviders) {
    if (!known.some((k) => k.name === ep)) {
      throw new ExecutionProviderError(
        ep,
        `execution provider "${ep}" is not one onnxruntime-node ${ort.env.versions.node} knows ` +
          `(${known.map((k) => k.name).join(', ')})`,
      );
    }
  }
  disableOnnxRuntimeTelemetry();
  const logLevel = ort.env.logLevel;
  try {
    // a missing provider library is reported by the exception below; onnxruntime's own log line is noise
    if (executionProviders.some((ep) => ep !== 'cpu')) ort.env.logLevel = 'fatal';
    return await ort.InferenceSession.create(bytes, {
      executionProviders: [...executionProviders],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
  } catch (err) {
    const ep = executionProviders.find((p) => p !== 'cpu');
    const message = (err as Error).message;
    if (ep && /shared library|provider|backend/i.test(message)) {
      const bundled = known.find((k) => k.name === ep)?.bundled;
      throw new ExecutionProviderError(
        ep,
        `execution provider "${ep}" is not available on this machine (${message})` +
          (bundled === false
            ? `: onnxruntime-node does not ship the ${ep} provider libraries; install them for ` +
              `onnxruntime ${ort.env.versions.common}, or use ["cpu"]`
            : ''),
      );
    }
    throw err;
  } finally {
    ort.env.logLevel = logLevel;
  }
}

/**
 * Loads an AURA-Mem ONNX model (path or bytes), checks its sha256 (when given) and the step
 * contract before creating a session, and refuses a mismatching model with a
 * {@link ModelContractError} naming each mismatch.
 */
export async function loadAuraModel(
  source: string | Uint8Array,
  expected: ExpectedModelDims = { dKey: 32, dVal: 32 },
  options: LoadAuraModelOptions = {},
): Promise<AuraModel> {
  const bytes = typeof source === 'string' ? new Uint8Array(await readFile(source)) : source;
  const label = typeof source === 'string' ? source : '(buffer)';
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.sha256 && options.sha256.toLowerCase() !== sha256) {
    throw new ModelChecksumError(label, options.sha256.toLowerCase(), sha256);
  }
  let description: ModelDescription;
  try {
    description = describeOnnxModel(bytes);
  } catch (err) {
    throw new ModelContractError(label, [`not a readable ONNX model (${(err as Error).message})`]);
  }
  const mismatches = checkModelContract(description, expected);
  if (mismatches.length > 0) throw new ModelContractError(label, mismatches);
  const executionProviders = [...(options.executionProviders ?? ['cpu'])];
  const session = await createSession(bytes, executionProviders);
  // the runtime must see the same interface the description reported
  const runtimeProblems = [
    ...INPUTS.filter((n) => !session.inputNames.includes(n)).map((n) => `runtime input "${n}" missing`),
    ...OUTPUTS.filter((n) => !session.outputNames.includes(n)).map((n) => `runtime output "${n}" missing`),
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
  return new BoundAuraModel(session, dims, { ...m }, sha256, executionProviders);
}

/**
 * The step with pre-bound inputs. Input tensors are made once per caller array (a robot's state
 * arrays and its feature buffer live as long as the robot), kept in weak maps so a fleet sharing one
 * model binds each robot's arrays once, and one feeds object is reused. Outputs are not pre-bound:
 * onnxruntime-node 1.30 copies every output into a new array even when given one to fill (and
 * that costs ≈ 4 µs more per step here), so `action` is copied into a buffer the model owns and
 * `W`, `b` are the arrays onnxruntime returned.
 */
class BoundAuraModel implements AuraModel {
  private readonly zTensors = new WeakMap<Float32Array, ort.Tensor>();
  private readonly wTensors = new WeakMap<Float32Array, ort.Tensor>();
  private readonly bTensors = new WeakMap<Float32Array, ort.Tensor>();
  private readonly tau = new Float32Array(1);
  private readonly feeds: Record<(typeof INPUTS)[number], ort.Tensor>;
  private readonly out: AuraStepOutput;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly session: ort.InferenceSession,
    readonly dims: AuraModelDims,
    readonly metadata: Record<string, string>,
    readonly sha256: string,
    readonly executionProviders: string[],
  ) {
    const { dModel, dKey, dVal, dAction } = dims;
    const placeholder = new ort.Tensor('float32', new Float32Array(dModel), [1, dModel]);
    this.feeds = {
      z: placeholder,
      W: placeholder,
      b: placeholder,
      tau: new ort.Tensor('float32', this.tau, [1]),
    };
    this.out = {
      action: new Float32Array(dAction),
      gate: 0,
      wrote: false,
      W: new Float32Array(dKey * dVal),
      b: new Float32Array(dVal),
      surprise: 0,
    };
  }

  private bind(
    cache: WeakMap<Float32Array, ort.Tensor>,
    data: Float32Array,
    dims: readonly number[],
  ): ort.Tensor {
    let t = cache.get(data);
    if (!t) {
      t = new ort.Tensor('float32', data, dims);
      cache.set(data, t);
    }
    return t;
  }

  async step(z: Float32Array, W: Float32Array, b: Float32Array, tau: number): Promise<AuraStepOutput> {
    while (this.running) await this.running;
    const { dModel, dKey, dVal } = this.dims;
    if (z.length !== dModel) throw new RangeError(`z has ${z.length} values, the model expects ${dModel}`);
    this.feeds.z = this.bind(this.zTensors, z, [1, dModel]);
    this.feeds.W = this.bind(this.wTensors, W, [1, dKey, dVal]);
    this.feeds.b = this.bind(this.bTensors, b, [1, dVal]);
    this.tau[0] = tau;
    const run = this.session.run(this.feeds);
    this.running = run;
    let r: ort.InferenceSession.OnnxValueMapType;
    try {
      r = await run;
    } finally {
      this.running = undefined;
    }
    const out = this.out;
    // the session checked at load that it has these outputs
    out.action.set(r.action!.data as Float32Array);
    out.gate = (r.gate!.data as Float32Array)[0] as number;
    out.wrote = (r.wrote!.data as Uint8Array)[0] !== 0;
    out.W = r.W_next!.data as Float32Array;
    out.b = r.b_next!.data as Float32Array;
    out.surprise = (r.surprise!.data as Float32Array)[0] as number;
    return out;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
