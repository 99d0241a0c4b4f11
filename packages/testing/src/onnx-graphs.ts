// Tiny ONNX graphs built with onnx-proto (IR 8, opset 17): a frozen backbone for the agent's tests, and the
// reference graphs bench/step.ts times beside the model (identity floor, Add chain, contract I/O, KV attention).
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

type Dim = number | string;

function valueInfo(name: string, dims: Dim[], elemType: number = FLOAT) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) =>
            typeof d === 'number'
              ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
              : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}

function floatTensor(name: string, dims: number[], values: Float32Array) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  });
}

function node(
  opType: string,
  input: string[],
  output: string[],
  attribute: InstanceType<typeof onnx.AttributeProto>[] = [],
) {
  return onnx.NodeProto.create({ opType, name: `${opType}_${output[0]}`, input, output, attribute });
}

function model(graph: InstanceType<typeof onnx.GraphProto>): Uint8Array {
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 17 })],
      producerName: 'aura-fleet/agent-tests',
      graph,
    }),
  ).finish();
}

/** deterministic pseudo-random values in [-scale, scale] */
function values(n: number, seed: number, scale: number): Float32Array {
  let s = seed >>> 0 || 1;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 2 * scale;
  });
}

/** A backbone: `z = tanh(obs · P)`, obs float32 [1, dIn] → z float32 [1, dOut]. */
export function buildBackboneGraph(dIn: number, dOut: number, seed = 1, outputName = 'z'): Uint8Array {
  return model(
    onnx.GraphProto.create({
      name: 'backbone',
      node: [node('MatMul', ['obs', 'P'], ['h']), node('Tanh', ['h'], [outputName])],
      initializer: [floatTensor('P', [dIn, dOut], values(dIn * dOut, seed, 1 / Math.sqrt(dIn)))],
      input: [valueInfo('obs', [1, dIn])],
      output: [valueInfo(outputName, [1, dOut])],
    }),
  );
}

/** The floor: one Identity on a [1, n] float32 tensor. */
export function buildIdentityGraph(n: number): Uint8Array {
  return model(
    onnx.GraphProto.create({
      name: 'floor',
      node: [node('Identity', ['x'], ['y'])],
      input: [valueInfo('x', [1, n])],
      output: [valueInfo('y', [1, n])],
    }),
  );
}

/**
 * One KV-cache attention step over a cache of T entries, the same projections and action head shape
 * as the AURA step: k, v, q = z·Wk, z·Wv, z·Wq; K' = concat(K, k), V' = concat(V, v);
 * r = softmax(q·K'ᵀ/√dKey)·V'; action = tanh([z, r]·H1)·H2. Inputs z [1, dModel], K [T, dKey],
 * V [T, dVal] (T symbolic); outputs action, K_next, V_next.
 */
export function buildKvAttentionGraph(dims: {
  dModel: number;
  dKey: number;
  dVal: number;
  dHidden: number;
  dAction: number;
}): Uint8Array {
  const { dModel, dKey, dVal, dHidden, dAction } = dims;
  const axis = (i: number) =>
    onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i });
  const perm = onnx.AttributeProto.create({
    name: 'perm',
    type: onnx.AttributeProto.AttributeType.INTS,
    ints: [1, 0],
  });
  return model(
    onnx.GraphProto.create({
      name: 'kv_attention_step',
      node: [
        node('MatMul', ['z', 'Wk'], ['k']),
        node('MatMul', ['z', 'Wv'], ['v']),
        node('MatMul', ['z', 'Wq'], ['q']),
        node('Concat', ['K', 'k'], ['K_next'], [axis(0)]),
        node('Concat', ['V', 'v'], ['V_next'], [axis(0)]),
        node('Transpose', ['K_next'], ['Kt'], [perm]),
        node('MatMul', ['q', 'Kt'], ['s0']),
        node('Mul', ['s0', 'scale'], ['s']),
        node('Softmax', ['s'], ['a'], [axis(1)]),
        node('MatMul', ['a', 'V_next'], ['r']),
        node('Concat', ['z', 'r'], ['zr'], [axis(1)]),
        node('MatMul', ['zr', 'H1'], ['u0']),
        node('Tanh', ['u0'], ['u']),
        node('MatMul', ['u', 'H2'], ['action']),
      ],
      initializer: [
        floatTensor('Wk', [dModel, dKey], values(dModel * dKey, 11, 0.2)),
        floatTensor('Wv', [dModel, dVal], values(dModel * dVal, 12, 0.2)),
        floatTensor('Wq', [dModel, dKey], values(dModel * dKey, 13, 0.2)),
        floatTensor('scale', [1], Float32Array.of(1 / Math.sqrt(dKey))),
        floatTensor('H1', [dModel + dVal, dHidden], values((dModel + dVal) * dHidden, 14, 0.2)),
        floatTensor('H2', [dHidden, dAction], values(dHidden * dAction, 15, 0.2)),
      ],
      input: [valueInfo('z', [1, dModel]), valueInfo('K', ['T', dKey]), valueInfo('V', ['T', dVal])],
      output: [
        valueInfo('action', [1, dAction]),
        valueInfo('K_next', ['T1', dKey]),
        valueInfo('V_next', ['T1', dVal]),
      ],
    }),
  );
}

/**
 * The step contract's interface without its math: inputs z [1, dModel], W [1, dKey, dVal], b [1, dVal],
 * tau [1] and outputs action [1, dAction], gate, wrote (bool), W_next, b_next, surprise, each made by one
 * trivial node (one MatMul for action). What onnxruntime-node costs to pass four inputs in and six outputs out.
 */
export function buildContractIoGraph(dims: { dModel: number; dKey: number; dVal: number; dAction: number }) {
  const { dModel, dKey, dVal, dAction } = dims;
  return model(
    onnx.GraphProto.create({
      name: 'contract_io',
      node: [
        node('MatMul', ['z', 'H'], ['action']),
        node('Identity', ['tau'], ['gate']),
        node('Greater', ['tau', 'tau'], ['wrote']),
        node('Identity', ['W'], ['W_next']),
        node('Identity', ['b'], ['b_next']),
        node('Identity', ['tau'], ['surprise']),
      ],
      initializer: [floatTensor('H', [dModel, dAction], values(dModel * dAction, 16, 0.2))],
      input: [
        valueInfo('z', [1, dModel]),
        valueInfo('W', [1, dKey, dVal]),
        valueInfo('b', [1, dVal]),
        valueInfo('tau', [1]),
      ],
      output: [
        valueInfo('action', [1, dAction]),
        valueInfo('gate', [1]),
        valueInfo('wrote', [1], onnx.TensorProto.DataType.BOOL),
        valueInfo('W_next', [1, dKey, dVal]),
        valueInfo('b_next', [1, dVal]),
        valueInfo('surprise', [1]),
      ],
    }),
  );
}

/**
 * A chain of `nodes` elementwise Adds on x float32 [1, dModel] → y: a graph of trivial kernels with as
 * many nodes as a real one, so a benchmark can tell onnxruntime's per-node cost from the model's math.
 */
export function buildAddChainGraph(dModel: number, nodes: number): Uint8Array {
  const initializer = Array.from({ length: nodes }, (_, i) =>
    floatTensor(`c${i}`, [1, dModel], values(dModel, 100 + i, 0.01)),
  );
  const node_ = Array.from({ length: nodes }, (_, i) =>
    node('Add', [i === 0 ? 'x' : `h${i - 1}`, `c${i}`], [i === nodes - 1 ? 'y' : `h${i}`]),
  );
  return model(
    onnx.GraphProto.create({
      name: 'add_chain',
      node: node_,
      initializer,
      input: [valueInfo('x', [1, dModel])],
      output: [valueInfo('y', [1, dModel])],
    }),
  );
}

/** How many nodes the main graph of an ONNX model has. */
export function countGraphNodes(bytes: Uint8Array): number {
  return onnx.ModelProto.decode(bytes).graph?.node?.length ?? 0;
}
