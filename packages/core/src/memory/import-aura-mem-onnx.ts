import onnxProto from 'onnx-proto';
import {
  type AuraMemConfig,
  type AuraMemParams,
  countParams,
  paramsFromData,
  tensorShapes,
} from './create-aura-mem-params.js';
import { fusedProjectionColumns } from './export-aura-mem-onnx.js';

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
 * A fused export (see exportAuraMemOnnx) keeps the projections of z in one matrix `Pz` with their
 * biases in `Pc`, and H1's rows for the read in `H1r`: splits them back into the named parameters
 * (exact copies of the values).
 */
function unfuse(config: AuraMemConfig, byName: Map<string, onnxProto.onnx.ITensorProto>): void {
  const { dModel, dHidden } = config;
  const Pz = floatsOf(byName.get('Pz') as onnxProto.onnx.ITensorProto);
  const Pc = floatsOf(byName.get('Pc') ?? {});
  const H1r = floatsOf(byName.get('H1r') ?? {});
  const cols = fusedProjectionColumns(config);
  const width = cols.reduce((n, [, w]) => n + w, 0);
  if (Pz.length !== dModel * width || Pc.length !== width)
    throw new Error(`fused initialisers "Pz"/"Pc" do not match the metadata's layer sizes`);
  const parts: Record<string, { matrix: Float32Array; bias: Float32Array }> = {};
  let c0 = 0;
  for (const [name, w] of cols) {
    const matrix = new Float32Array(dModel * w);
    for (let i = 0; i < dModel; i++) matrix.set(Pz.subarray(i * width + c0, i * width + c0 + w), i * w);
    parts[name] = { matrix, bias: Pc.slice(c0, c0 + w) };
    c0 += w;
  }
  const part = (name: string) => parts[name] as { matrix: Float32Array; bias: Float32Array };
  const H1 = new Float32Array(dModel * dHidden + H1r.length);
  H1.set(part('zh').matrix);
  H1.set(H1r, dModel * dHidden);
  const put = (name: string, values: Float32Array) =>
    byName.set(name, { name, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
  put('Wk', part('k').matrix);
  put('Wv', part('v').matrix);
  put('Wq', part('q').matrix);
  put('Gz', part('gz').matrix);
  put('Gb', part('gz').bias);
  put('H1', H1);
  put('h1', part('zh').bias);
  if (config.gateRead) put('Wg', part('kg').matrix);
  if (config.keyHidden) {
    put('Kh', part('kh').matrix);
    put('kc', part('kh').bias);
  }
  if (config.gateRead && config.gateQueryBias) put('cg', part('kg').bias);
  else if (config.gateRead && part('kg').bias.some((x) => x !== 0))
    throw new Error('the gate read key has a bias in "Pc" but the metadata has no aura.gateQueryBias = 1');
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
    ...(metadata['aura.gateRead'] === '1' && metadata['aura.gateQueryBias'] === '1'
      ? { gateQueryBias: true }
      : {}),
    ...(metadata['aura.forget'] === '1' ? { forget: true } : {}),
    ...(metadata['aura.keyHidden'] !== undefined ? { keyHidden: dim('keyHidden') } : {}),
  };
  const byName = new Map((model.graph?.initializer ?? []).map((t) => [t.name ?? '', t]));
  if (byName.has('Pz')) unfuse(config, byName);
  if (byName.has('Ko') && !config.keyHidden)
    throw new Error('the model has a nonlinear write key "Ko" but the metadata has no aura.keyHidden');
  if (byName.has('gf') && !config.forget)
    throw new Error('the model has a forgetting factor "gf" but the metadata has no aura.forget = 1');
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
