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
  attrs: { name: string; ints?: number[]; i?: number }[] = [],
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
 * Builds the ONNX step graph of DESIGN.md §3 (IR 8, opset 17) from trained parameters. One
 * `session.run` = one {@link stepAuraMem} call: inputs z [1,dModel], W [1,dKey,dVal], b [1,dVal],
 * tau [1]; outputs action, gate, wrote (= gate > tau), W_next, b_next, surprise. W_next and b_next are
 * `Where(wrote, candidate, input)`, so they equal the inputs exactly when nothing is written.
 */
export function exportAuraMemOnnx(params: AuraMemParams, meta: ExportMetadata): Uint8Array {
  const { dModel, dKey, dVal, dAction, dGate, dHidden } = params.config;
  const init: TensorProto[] = [
    floatTensor('Wk', [dModel, dKey], params.Wk),
    floatTensor('Wv', [dModel, dVal], params.Wv),
    floatTensor('Wq', [dModel, dKey], params.Wq),
    floatTensor('Gz', [dModel, dGate], params.Gz),
    floatTensor('Gs', [1, dGate], params.Gs),
    floatTensor('Gb', [1, dGate], params.Gb),
    floatTensor('Go', [dGate, 1], params.Go),
    floatTensor('Gc', [1, 1], params.Gc),
    floatTensor('H1', [dModel + dVal, dHidden], params.H1),
    floatTensor('h1', [1, dHidden], params.h1),
    floatTensor('H2', [dHidden, dAction], params.H2),
    floatTensor('h2', [1, dAction], params.h2),
    floatTensor('one', [1], [1]),
    int64Tensor('shape_kv', [dKey, dVal]),
    int64Tensor('shape_1kv', [1, dKey, dVal]),
    int64Tensor('shape_k1', [dKey, 1]),
    int64Tensor('shape_11', [1, 1]),
    int64Tensor('shape_1', [1]),
  ];
  const read = params.config.gateRead === true;
  if (read) {
    init.push(floatTensor('Wg', [dModel, dKey], params.Wg), floatTensor('Gm', [dVal, dGate], params.Gm));
  }
  const nodes: NodeProto[] = [
    // projections
    node('MatMul', ['z', 'Wk'], ['k']),
    node('MatMul', ['z', 'Wv'], ['v']),
    node('MatMul', ['z', 'Wq'], ['q']),
    // inner prediction error and surprise
    node('Reshape', ['W', 'shape_kv'], ['W2']),
    node('MatMul', ['k', 'W2'], ['kW']),
    node('Add', ['kW', 'b'], ['pred']),
    node('Sub', ['v', 'pred'], ['e']),
    node('Mul', ['e', 'e'], ['e2']),
    node(
      'ReduceMean',
      ['e2'],
      ['surprise'],
      [
        { name: 'axes', ints: [1] },
        { name: 'keepdims', i: 0 },
      ],
    ),
    // gate
    node('Add', ['surprise', 'one'], ['s1']),
    node('Log', ['s1'], ['sg']),
    node('Reshape', ['sg', 'shape_11'], ['sg2']),
    node('MatMul', ['z', 'Gz'], ['gz']),
    node('Mul', ['sg2', 'Gs'], ['gsg']),
    node('Add', ['gz', 'gsg'], ['gpre0']),
    node('Add', ['gpre0', 'Gb'], ['gpre']),
    // v2: the gate's own read of the memory before the write, m = (z·Wg)·W + b
    ...(read
      ? [
          node('MatMul', ['z', 'Wg'], ['kg']),
          node('MatMul', ['kg', 'W2'], ['kgW']),
          node('Add', ['kgW', 'b'], ['mread']),
          node('MatMul', ['mread', 'Gm'], ['gm']),
          node('Add', ['gpre', 'gm'], ['gpreR']),
        ]
      : []),
    node('Tanh', [read ? 'gpreR' : 'gpre'], ['gh']),
    node('MatMul', ['gh', 'Go'], ['glin']),
    node('Add', ['glin', 'Gc'], ['logit']),
    node('Sigmoid', ['logit'], ['p']),
    node('Reshape', ['p', 'shape_1'], ['gate']),
    node('Greater', ['gate', 'tau'], ['wrote']),
    // normalised delta-rule candidate
    node(
      'ReduceSumSquare',
      ['k'],
      ['kk'],
      [
        { name: 'axes', ints: [1] },
        { name: 'keepdims', i: 1 },
      ],
    ),
    node('Add', ['kk', 'one'], ['kk1']),
    node('Div', ['one', 'kk1'], ['n']),
    node('Mul', ['e', 'n'], ['ne']),
    node('Reshape', ['k', 'shape_k1'], ['kT']),
    node('MatMul', ['kT', 'ne'], ['outer']),
    node('Add', ['W2', 'outer'], ['Wc2']),
    node('Reshape', ['Wc2', 'shape_1kv'], ['Wc']),
    node('Add', ['b', 'ne'], ['bc']),
    node('Where', ['wrote', 'Wc', 'W'], ['W_next']),
    node('Where', ['wrote', 'bc', 'b'], ['b_next']),
    // read after the write decision, action head
    node('Reshape', ['W_next', 'shape_kv'], ['Wn2']),
    node('MatMul', ['q', 'Wn2'], ['qW']),
    node('Add', ['qW', 'b_next'], ['r']),
    node('Concat', ['z', 'r'], ['zr'], [{ name: 'axis', i: 1 }]),
    node('MatMul', ['zr', 'H1'], ['u0']),
    node('Add', ['u0', 'h1'], ['u1']),
    node('Tanh', ['u1'], ['u']),
    node('MatMul', ['u', 'H2'], ['a0']),
    node('Add', ['a0', 'h2'], ['action']),
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
