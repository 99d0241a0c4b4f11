import onnxProto from 'onnx-proto';
import type { AuraMemParams } from './create-aura-mem-params.js';

const { onnx } = onnxProto;
type NodeProto = InstanceType<typeof onnx.NodeProto>;
type TensorProto = InstanceType<typeof onnx.TensorProto>;

export const AURA_ONNX_IR_VERSION = 8;
export const AURA_ONNX_OPSET = 17;

export interface ExportMetadata {
  /** task / config the model was trained for, e.g. "hard" */
  task: string;
  /** model version string, e.g. "aura-mem-hard-v1" */
  version: string;
  /** further metadata_props entries (e.g. training seed) */
  extra?: Record<string, string>;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const BOOL = onnx.TensorProto.DataType.BOOL;

function floatTensor(name: string, dims: number[], values: Float32Array | number[]): TensorProto {
  const data = Float32Array.from(values);
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

function int64Tensor(name: string, values: number[]): TensorProto {
  return onnx.TensorProto.create({ name, dims: [values.length], dataType: INT64, int64Data: values });
}

function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: { name: string; ints?: number[]; i?: number; f?: number }[] = [],
): NodeProto {
  return onnx.NodeProto.create({
    opType,
    name: `${opType}_${outputs[0]}`,
    input: inputs,
    output: outputs,
    attribute: attrs.map((a) =>
      a.ints
        ? onnx.AttributeProto.create({
            name: a.name,
            type: onnx.AttributeProto.AttributeType.INTS,
            ints: a.ints,
          })
        : a.f !== undefined
          ? onnx.AttributeProto.create({
              name: a.name,
              type: onnx.AttributeProto.AttributeType.FLOAT,
              f: a.f,
            })
          : onnx.AttributeProto.create({
              name: a.name,
              type: onnx.AttributeProto.AttributeType.INT,
              i: a.i ?? 0,
            }),
    ),
  });
}

function valueInfo(name: string, elemType: number, dims: number[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) => onnx.TensorShapeProto.Dimension.create({ dimValue: d })),
        }),
      }),
    }),
  });
}

/**
 * The columns of the fused projection `P = z·Pz + Pc` in order: k, v, q, the gate's z-term (+ Gb), the
 * action head's z-term (+ h1), for v2 the gate's read key kg, and with the nonlinear write key its hidden
 * pre-activation z·Kh + kc. {@link importAuraMemOnnx} splits them
 * back into the named parameters.
 */
export function fusedProjectionColumns(c: AuraMemParams['config']): [string, number][] {
  return [
    ['k', c.dKey],
    ['v', c.dVal],
    ['q', c.dKey],
    ['gz', c.dGate],
    ['zh', c.dHidden],
    ...(c.gateRead === true ? ([['kg', c.dKey]] as [string, number][]) : []),
    ...(c.keyHidden ? ([['kh', c.keyHidden]] as [string, number][]) : []),
  ];
}

/**
 * Builds the ONNX step graph of DESIGN.md §3 (IR 8, opset 17) from trained parameters. One
 * `session.run` = one {@link stepAuraMem} call: inputs z [1,dModel], W [1,dKey,dVal], b [1,dVal],
 * tau [1]; outputs action, gate, wrote (= gate > tau), W_next, b_next, surprise. W_next and b_next are
 * `Where(wrote, candidate, input)`, so they equal the inputs exactly when nothing is written.
 *
 * The graph is fused for onnxruntime's per-node cost (26 nodes, 28 with the v2 gate read, where a
 * node-per-operation graph has 42 / 47): every projection of z (k, v, q, the gate's and the action
 * head's z-terms with their biases, v2's kg) is one Gemm against the concatenated matrix `Pz`, split
 * once; each matrix product takes its bias as Gemm's C; e·eᵀ/dVal (surprise), k·kᵀ + 1 and the
 * delta-rule outer product kᵀ·(e·n) + W are Gemms too. With `forget`, the candidate is built against the
 * decayed state (5 more nodes: Sigmoid of the initialiser `gf`, three Mul, one Sub); W_next is still
 * `Where(wrote, candidate, W)`, so the decayed state is written only where the write decision is 1.
 * With the nonlinear write key (`keyHidden`), the fused projection's linear key is `k0` and two more nodes
 * make the key: `k = Tanh(z·Kh + kc)·Ko + k0` (Tanh, Gemm with `k0` as C).
 */
/** metadata_props the exporter writes from the parameters themselves */
const DERIVED_METADATA_KEYS = new Set([
  'aura.dModel',
  'aura.dKey',
  'aura.dVal',
  'aura.dAction',
  'aura.dGate',
  'aura.dHidden',
  'aura.gateRead',
  'aura.gateQueryBias',
  'aura.forget',
  'aura.keyHidden',
]);

/**
 * An exported file's metadata_props (as `importAuraMemOnnx` reads them) as the options that export it again:
 * its task and version, and every other entry as `extra` except those the exporter derives from the
 * parameters. Throws naming `file` when the task or version is missing.
 */
export function exportMetadataOf(metadata: Record<string, string>, file = 'the model'): ExportMetadata {
  const { 'aura.task': task, 'aura.version': version, ...rest } = metadata;
  if (!task || !version) throw new Error(`${file}: metadata names no aura.task / aura.version`);
  const extra = Object.fromEntries(Object.entries(rest).filter(([key]) => !DERIVED_METADATA_KEYS.has(key)));
  return { task, version, extra };
}

export function exportAuraMemOnnx(params: AuraMemParams, meta: ExportMetadata): Uint8Array {
  const { dModel, dKey, dVal, dAction, dGate, dHidden } = params.config;
  if ((params.config.gateMemoryHeads ?? 0) > 0)
    throw new Error(
      'gate memory heads (gateMemoryHeads) are a trial option: the ONNX graph does not have them yet',
    );
  const read = params.config.gateRead === true;
  const cols = fusedProjectionColumns(params.config);
  const width = cols.reduce((n, [, w]) => n + w, 0);
  // Pz [dModel, width] row-major: row i = Wk[i] | Wv[i] | Wq[i] | Gz[i] | H1[i] (| Wg[i]); Pc the biases
  const Pz = new Float32Array(dModel * width);
  const sources: Record<string, Float32Array> = {
    k: params.Wk,
    v: params.Wv,
    q: params.Wq,
    gz: params.Gz,
    zh: params.H1.subarray(0, dModel * dHidden),
    kg: params.Wg,
    kh: params.Kh,
  };
  for (let i = 0; i < dModel; i++) {
    let o = i * width;
    for (const [name, w] of cols) {
      Pz.set((sources[name] as Float32Array).subarray(i * w, (i + 1) * w), o);
      o += w;
    }
  }
  const Pc = new Float32Array(width);
  Pc.set(params.Gb, dKey + dVal + dKey);
  Pc.set(params.h1, dKey + dVal + dKey + dGate);
  // gate query bias: kg = z·Wg + cg, cg as the kg columns' bias (empty unless the option is on)
  Pc.set(params.cg, dKey + dVal + dKey + dGate + dHidden);
  // nonlinear write key: kc as the kh columns' bias (the last columns)
  const keyHidden = params.config.keyHidden ?? 0;
  if (keyHidden > 0) Pc.set(params.kc, width - keyHidden);
  const init: TensorProto[] = [
    floatTensor('Pz', [dModel, width], Pz),
    floatTensor('Pc', [1, width], Pc),
    int64Tensor(
      'P_split',
      cols.map(([, w]) => w),
    ),
    floatTensor('Gs', [1, dGate], params.Gs),
    floatTensor('Go', [dGate, 1], params.Go),
    floatTensor('Gc', [1, 1], params.Gc),
    floatTensor('H1r', [dVal, dHidden], params.H1.subarray(dModel * dHidden)),
    floatTensor('H2', [dHidden, dAction], params.H2),
    floatTensor('h2', [1, dAction], params.h2),
    floatTensor('one', [1, 1], [1]),
    int64Tensor('shape_kv', [dKey, dVal]),
    int64Tensor('shape_1kv', [1, dKey, dVal]),
    int64Tensor('shape_1', [1]),
  ];
  if (read) init.push(floatTensor('Gm', [dVal, dGate], params.Gm));
  const forget = params.config.forget === true;
  if (forget) init.push(floatTensor('gf', [1, 1], params.gf));
  if (keyHidden > 0) init.push(floatTensor('Ko', [keyHidden, dKey], params.Ko));
  const transA = { name: 'transA', i: 1 };
  const transB = { name: 'transB', i: 1 };
  const nodes: NodeProto[] = [
    // every projection of z at once: k, v, q, z·Gz + Gb, z·H1[:dModel] + h1 (, kg = z·Wg (+ cg))
    node('Gemm', ['z', 'Pz', 'Pc'], ['P']),
    node(
      'Split',
      ['P', 'P_split'],
      cols.map(([name]) => (name === 'k' && keyHidden > 0 ? 'k0' : name)),
      [{ name: 'axis', i: 1 }],
    ),
    // nonlinear write key: k = tanh(z·Kh + kc)·Ko + z·Wk
    ...(keyHidden > 0 ? [node('Tanh', ['kh'], ['khT']), node('Gemm', ['khT', 'Ko', 'k0'], ['k'])] : []),
    // inner prediction error and surprise
    node('Reshape', ['W', 'shape_kv'], ['W2']),
    node('Gemm', ['k', 'W2', 'b'], ['pred']),
    node('Sub', ['v', 'pred'], ['e']),
    node('Gemm', ['e', 'e'], ['s11'], [transB, { name: 'alpha', f: 1 / dVal }]),
    node('Reshape', ['s11', 'shape_1'], ['surprise']),
    // gate
    node('Add', ['s11', 'one'], ['s1']),
    node('Log', ['s1'], ['sg']),
    node('Gemm', ['sg', 'Gs', 'gz'], ['gpre']),
    // v2: the gate's own read of the memory before the write, m = kg·W + b
    ...(read
      ? [node('Gemm', ['kg', 'W2', 'b'], ['mread']), node('Gemm', ['mread', 'Gm', 'gpre'], ['gpreR'])]
      : []),
    node('Tanh', [read ? 'gpreR' : 'gpre'], ['gh']),
    node('Gemm', ['gh', 'Go', 'Gc'], ['logit']),
    node('Sigmoid', ['logit'], ['p']),
    node('Reshape', ['p', 'shape_1'], ['gate']),
    node('Greater', ['gate', 'tau'], ['wrote']),
    // normalised delta-rule candidate: ne = e / (k·kᵀ + 1), W + kᵀ·ne, b + ne
    node('Gemm', ['k', 'k', 'one'], ['kk1'], [transB]),
    // forget: against the decayed state γ·W, γ·b (γ = σ(gf)): e_w = v − γ·pred, γ·W + kᵀ·ne_w, γ·b + ne_w;
    // only the candidate decays, so a step that does not write still passes W, b through unchanged
    ...(forget
      ? [
          node('Sigmoid', ['gf'], ['gamma']),
          node('Mul', ['pred', 'gamma'], ['predg']),
          node('Sub', ['v', 'predg'], ['ew']),
          node('Div', ['ew', 'kk1'], ['ne']),
          node('Mul', ['W2', 'gamma'], ['W2g']),
          node('Mul', ['b', 'gamma'], ['bg']),
          node('Gemm', ['k', 'ne', 'W2g'], ['Wc2'], [transA]),
          node('Add', ['bg', 'ne'], ['bc']),
        ]
      : [
          node('Div', ['e', 'kk1'], ['ne']),
          node('Gemm', ['k', 'ne', 'W2'], ['Wc2'], [transA]),
          node('Add', ['b', 'ne'], ['bc']),
        ]),
    node('Where', ['wrote', 'Wc2', 'W2'], ['Wn2']),
    node('Reshape', ['Wn2', 'shape_1kv'], ['W_next']),
    node('Where', ['wrote', 'bc', 'b'], ['b_next']),
    // read after the write decision, action head: tanh(z·H1[:dModel] + h1 + r·H1[dModel:])·H2 + h2
    node('Gemm', ['q', 'Wn2', 'b_next'], ['r']),
    node('Gemm', ['r', 'H1r', 'zh'], ['u1']),
    node('Tanh', ['u1'], ['u']),
    node('Gemm', ['u', 'H2', 'h2'], ['action']),
  ];
  const graph = onnx.GraphProto.create({
    name: 'aura_mem_step',
    node: nodes,
    initializer: init,
    input: [
      valueInfo('z', FLOAT, [1, dModel]),
      valueInfo('W', FLOAT, [1, dKey, dVal]),
      valueInfo('b', FLOAT, [1, dVal]),
      valueInfo('tau', FLOAT, [1]),
    ],
    output: [
      valueInfo('action', FLOAT, [1, dAction]),
      valueInfo('gate', FLOAT, [1]),
      valueInfo('wrote', BOOL, [1]),
      valueInfo('W_next', FLOAT, [1, dKey, dVal]),
      valueInfo('b_next', FLOAT, [1, dVal]),
      valueInfo('surprise', FLOAT, [1]),
    ],
  });
  const props: Record<string, string> = {
    'aura.dModel': String(dModel),
    'aura.dKey': String(dKey),
    'aura.dVal': String(dVal),
    'aura.dAction': String(dAction),
    'aura.task': meta.task,
    'aura.version': meta.version,
    'aura.dGate': String(dGate),
    'aura.dHidden': String(dHidden),
    ...(read ? { 'aura.gateRead': '1' } : {}),
    ...(params.cg.length > 0 ? { 'aura.gateQueryBias': '1' } : {}),
    ...(forget ? { 'aura.forget': '1' } : {}),
    ...(keyHidden > 0 ? { 'aura.keyHidden': String(keyHidden) } : {}),
    ...meta.extra,
  };
  const model = onnx.ModelProto.create({
    irVersion: AURA_ONNX_IR_VERSION,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: AURA_ONNX_OPSET })],
    producerName: 'aura-fleet/@aura/core',
    producerVersion: '0.1.0',
    graph,
    metadataProps: Object.entries(props).map(([key, value]) =>
      onnx.StringStringEntryProto.create({ key, value }),
    ),
  });
  return onnx.ModelProto.encode(model).finish();
}
