import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface OnnxModelEdit {
  /** rename graph values (inputs, outputs, intermediates) everywhere they are referenced */
  rename?: Record<string, string>;
  /** set metadata_props entries; `null` removes the entry */
  metadata?: Record<string, string | null>;
}

/** Re-tags or renames values of an existing ONNX model (e.g. to bump aura.version, or in tests). */
export function editOnnxModel(bytes: Uint8Array, edit: OnnxModelEdit): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const rename = edit.rename ?? {};
  const r = (n: string | null | undefined) => (n ? (rename[n] ?? n) : '');
  const graph = model.graph;
  if (graph) {
    for (const v of [...(graph.input ?? []), ...(graph.output ?? [])]) v.name = r(v.name);
    for (const n of graph.node ?? []) {
      n.input = (n.input ?? []).map(r);
      n.output = (n.output ?? []).map(r);
    }
  }
  if (edit.metadata) {
    const props = new Map((model.metadataProps ?? []).map((p) => [p.key, p.value]));
    for (const [k, v] of Object.entries(edit.metadata)) {
      if (v === null) props.delete(k);
      else props.set(k, v);
    }
    model.metadataProps = [...props].map(([key, value]) =>
      onnx.StringStringEntryProto.create({ key, value }),
    );
  }
  return onnx.ModelProto.encode(model).finish();
}
