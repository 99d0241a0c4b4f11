import onnxProto from 'onnx-proto';
import {
  type AuraMemConfig,
  type AuraMemParams,
  countParams,
  paramsFromData,
  tensorShapes,
} from './create-aura-mem-params.js';

const { onnx } = onnxProto;

function floatsOf(t: onnxProto.onnx.ITensorProto): Float32Array {
  if (t.rawData && t.rawData.length > 0) {
    const raw = t.rawData;
    const copy = new Uint8Array(raw.length);
    copy.set(raw);
    return new Float32Array(copy.buffer);
  }
  return Float32Array.from(t.floatData ?? []);
}

/**
 * Reads the trained parameters back out of an exported AURA-Mem model (initialisers by name, layer
 * shape from metadata), so the TypeScript reference can run the very weights a model file holds.
 */
export function importAuraMemOnnx(bytes: Uint8Array): {
  params: AuraMemParams;
  metadata: Record<string, string>;
} {
  const model = onnx.ModelProto.decode(bytes);
  const metadata: Record<string, string> = {};
  for (const p of model.metadataProps ?? []) if (p.key) metadata[p.key] = p.value ?? '';
  const dim = (k: string) => {
    const n = Number(metadata[`aura.${k}`]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`model metadata "aura.${k}" missing or invalid`);
    return n;
  };
  const config: AuraMemConfig = {
    dModel: dim('dModel'),
    dKey: dim('dKey'),
    dVal: dim('dVal'),
    dAction: dim('dAction'),
    dGate: dim('dGate'),
    dHidden: dim('dHidden'),
    ...(metadata['aura.gateRead'] === '1' ? { gateRead: true } : {}),
  };
  const byName = new Map((model.graph?.initializer ?? []).map((t) => [t.name ?? '', t]));
  const data = new Float32Array(countParams(config));
  let offset = 0;
  for (const [name, shape] of tensorShapes(config)) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (n === 0) continue; // v2-only tensors of a v1 model
    const t = byName.get(name);
    if (!t) throw new Error(`model has no initialiser "${name}"`);
    const values = floatsOf(t);
    if (values.length !== n)
      throw new Error(`initialiser "${name}" has ${values.length} values, expected ${n}`);
    data.set(values, offset);
    offset += n;
  }
  return { params: paramsFromData(config, data), metadata };
}
