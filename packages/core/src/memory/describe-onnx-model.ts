import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Element types as onnxruntime names them. */
const ELEM_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  16: 'bfloat16',
};

export interface ModelValueInfo {
  name: string;
  type: string;
  /** numbers for fixed dimensions, strings for symbolic ones */
  shape: (number | string)[];
}

export interface ModelDescription {
  inputs: ModelValueInfo[];
  outputs: ModelValueInfo[];
  metadata: Record<string, string>;
}

/** Reads a model's graph inputs (initialisers excluded), outputs and metadata_props from its bytes. */
export function describeOnnxModel(bytes: Uint8Array): ModelDescription {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (!graph) throw new Error('ONNX model has no graph');
  const initialisers = new Set((graph.initializer ?? []).map((t) => t.name));
  const info = (v: onnxProto.onnx.IValueInfoProto): ModelValueInfo => {
    const t = v.type?.tensorType;
    return {
      name: v.name ?? '',
      type: t ? (ELEM_TYPES[t.elemType ?? 0] ?? `onnx-type-${t.elemType}`) : 'non-tensor',
      shape: (t?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue ?? 0))),
    };
  };
  const metadata: Record<string, string> = {};
  for (const p of model.metadataProps ?? []) if (p.key) metadata[p.key] = p.value ?? '';
  return {
    inputs: (graph.input ?? []).filter((v) => !initialisers.has(v.name ?? '')).map(info),
    outputs: (graph.output ?? []).map(info),
    metadata,
  };
}
