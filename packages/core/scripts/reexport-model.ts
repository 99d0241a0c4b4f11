// `node --conditions=@aura/source --import tsx packages/core/scripts/reexport-model.ts IN.onnx OUT.onnx`
// Re-exports a committed AURA-Mem model with the current exporter (the fused step graph): the same
// weights (read back exactly with importAuraMemOnnx) and the same metadata_props, no retraining.
// Check the result with `pnpm model:verify --model OUT.onnx` and compare it with the original.
import { readFileSync, writeFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { exportAuraMemOnnx, exportMetadataOf, importAuraMemOnnx } from '../src/memory/index.js';

const [input, output] = process.argv.slice(2).filter((a) => a !== '--');
if (!input || !output) {
  console.error('usage: reexport-model.ts IN.onnx OUT.onnx');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(input));
const { params, metadata } = importAuraMemOnnx(bytes);
const out = exportAuraMemOnnx(params, exportMetadataOf(metadata, input));
// same weights and metadata, or refuse to write
const back = importAuraMemOnnx(out);
if (JSON.stringify(back.metadata) !== JSON.stringify(metadata)) throw new Error('metadata changed');
if (Buffer.compare(Buffer.from(back.params.data.buffer), Buffer.from(params.data.buffer)) !== 0)
  throw new Error('weights changed');
writeFileSync(output, out);
const nodes = (b: Uint8Array) => onnxProto.onnx.ModelProto.decode(b).graph?.node?.length ?? 0;
console.log(`${input} (${nodes(bytes)} nodes) → ${output} (${nodes(out)} nodes): same weights and metadata`);
