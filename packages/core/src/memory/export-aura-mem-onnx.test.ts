import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { createAuraMemParams } from './create-aura-mem-params.js';
import { exportAuraMemOnnx } from './export-aura-mem-onnx.js';
import { importAuraMemOnnx } from './import-aura-mem-onnx.js';

const base = { dModel: 10, dKey: 32, dVal: 32, dAction: 8, dGate: 4, dHidden: 6 };

describe('fused ONNX export', () => {
  for (const [label, config, nodes] of [
    ['v1', base, 26],
    ['v2 (gate read)', { ...base, gateRead: true }, 28],
  ] as const) {
    it(`${label}: ${nodes} nodes, and importAuraMemOnnx gets every parameter back bit for bit`, () => {
      const params = createAuraMemParams(config, 3);
      const bytes = exportAuraMemOnnx(params, { task: 'hard', version: 't', extra: { 'x.y': 'z' } });
      expect(onnxProto.onnx.ModelProto.decode(bytes).graph?.node?.length).toBe(nodes);
      const back = importAuraMemOnnx(bytes);
      expect(back.params.config).toEqual(params.config);
      expect(back.metadata['x.y']).toBe('z');
      expect(Buffer.from(back.params.data.buffer).equals(Buffer.from(params.data.buffer))).toBe(true);
    });
  }
});
