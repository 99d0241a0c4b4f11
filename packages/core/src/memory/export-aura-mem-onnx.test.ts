import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { createAuraMemParams } from './create-aura-mem-params.js';
import { exportAuraMemOnnx, exportMetadataOf } from './export-aura-mem-onnx.js';
import { importAuraMemOnnx } from './import-aura-mem-onnx.js';

const base = { dModel: 10, dKey: 32, dVal: 32, dAction: 8, dGate: 4, dHidden: 6 };

describe('fused ONNX export', () => {
  it("exportMetadataOf turns a file's metadata back into export options: the same metadata on re-export", () => {
    const params = createAuraMemParams({ ...base, gateRead: true, keyHidden: 3 }, 3);
    const meta = { task: 'hard-v2', version: 'v', extra: { 'aura.trainSeed': '1', 'aura.gateScale': '0.7' } };
    const first = importAuraMemOnnx(exportAuraMemOnnx(params, meta)).metadata;
    const options = exportMetadataOf(first, 'f.onnx');
    // what the exporter derives from the parameters is left to it, everything else is carried
    expect(options).toEqual(meta);
    expect(importAuraMemOnnx(exportAuraMemOnnx(params, options)).metadata).toEqual(first);
    const { 'aura.version': _v, ...noVersion } = first;
    expect(() => exportMetadataOf(noVersion, 'f.onnx')).toThrow(
      'f.onnx: metadata names no aura.task / aura.version',
    );
  });

  it('refuses a layer with gate memory heads (a trial option the graph does not have) instead of dropping them', () => {
    const params = createAuraMemParams({ ...base, gateRead: true, gateMemoryHeads: 2 }, 3);
    expect(() => exportAuraMemOnnx(params, { task: 'hard-v2', version: 't' })).toThrow(/gateMemoryHeads/);
  });

  for (const [label, config, nodes] of [
    ['v1', base, 26],
    ['v2 (gate read)', { ...base, gateRead: true }, 28],
    ['v2 with the gate query bias', { ...base, gateRead: true, gateQueryBias: true }, 28],
    ['v2 with the nonlinear write key', { ...base, gateRead: true, keyHidden: 5 }, 30],
    [
      'v2 with the nonlinear write key and the forgetting factor',
      { ...base, gateRead: true, keyHidden: 5, forget: true },
      35,
    ],
    ['v1 with the nonlinear write key', { ...base, keyHidden: 3 }, 28],
  ] as const) {
    it(`${label}: ${nodes} nodes, and importAuraMemOnnx gets every parameter back bit for bit`, () => {
      const params = createAuraMemParams(config, 3);
      for (let i = 0; i < params.cg.length; i++) params.cg[i] = Math.cos(i) / 3;
      for (let i = 0; i < params.Ko.length; i++) params.Ko[i] = Math.sin(i) / 3;
      for (let i = 0; i < params.kc.length; i++) params.kc[i] = Math.cos(3 * i) / 4;
      const bytes = exportAuraMemOnnx(params, { task: 'hard', version: 't', extra: { 'x.y': 'z' } });
      expect(onnxProto.onnx.ModelProto.decode(bytes).graph?.node?.length).toBe(nodes);
      const back = importAuraMemOnnx(bytes);
      expect(back.params.config).toEqual(params.config);
      expect(back.metadata['x.y']).toBe('z');
      expect(Buffer.from(back.params.data.buffer).equals(Buffer.from(params.data.buffer))).toBe(true);
    });
  }

  it('the nonlinear write key: Kh and kc are the last columns of Pz / Pc, Ko an initialiser, metadata aura.keyHidden; a Ko without the metadata is refused', () => {
    const config = { ...base, gateRead: true, keyHidden: 4 };
    const params = createAuraMemParams(config, 3);
    for (let i = 0; i < params.kc.length; i++) params.kc[i] = i + 1;
    const bytes = exportAuraMemOnnx(params, { task: 'hard-v2', version: 't' });
    const model = onnxProto.onnx.ModelProto.decode(bytes);
    const meta = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key, p.value]));
    expect(meta['aura.keyHidden']).toBe('4');
    const pc = new Float32Array(
      Uint8Array.from(model.graph?.initializer?.find((t) => t.name === 'Pc')?.rawData ?? []).buffer,
    );
    expect(Array.from(pc.subarray(pc.length - 4))).toEqual([1, 2, 3, 4]);
    // the key is Tanh(kh)·Ko + k0, and the inputs/outputs are the contract's
    expect(model.graph?.node?.find((n) => n.output?.[0] === 'k')?.input).toEqual(['khT', 'Ko', 'k0']);
    expect(model.graph?.input?.map((v) => v.name)).toEqual(['z', 'W', 'b', 'tau']);
    expect(model.graph?.output?.map((v) => v.name)).toEqual([
      'action',
      'gate',
      'wrote',
      'W_next',
      'b_next',
      'surprise',
    ]);
    const stripped = onnxProto.onnx.ModelProto.decode(bytes);
    stripped.metadataProps = (stripped.metadataProps ?? []).filter((p) => p.key !== 'aura.keyHidden');
    expect(() => importAuraMemOnnx(onnxProto.onnx.ModelProto.encode(stripped).finish())).toThrow();
  });

  it("the gate query bias is the kg columns' bias in Pc (aura.gateQueryBias = 1); a v2 file without it has zeros there", () => {
    const config = { ...base, gateRead: true, gateQueryBias: true };
    const params = createAuraMemParams(config, 3);
    for (let i = 0; i < params.cg.length; i++) params.cg[i] = i + 1;
    const bytes = exportAuraMemOnnx(params, { task: 'hard-v2', version: 't' });
    const model = onnxProto.onnx.ModelProto.decode(bytes);
    const meta = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key, p.value]));
    expect(meta['aura.gateQueryBias']).toBe('1');
    const pcOf = (m: onnxProto.onnx.ModelProto) =>
      new Float32Array(
        Uint8Array.from(m.graph?.initializer?.find((t) => t.name === 'Pc')?.rawData ?? []).buffer,
      );
    const { dKey, dVal, dGate, dHidden } = base;
    const kgBias = dKey + dVal + dKey + dGate + dHidden;
    expect(Array.from(pcOf(model).subarray(kgBias))).toEqual(Array.from(params.cg));
    // without the option: no metadata, the same columns hold zeros
    const plain = exportAuraMemOnnx(createAuraMemParams({ ...base, gateRead: true }, 3), {
      task: 'hard-v2',
      version: 't',
    });
    const plainModel = onnxProto.onnx.ModelProto.decode(plain);
    expect((plainModel.metadataProps ?? []).some((p) => p.key === 'aura.gateQueryBias')).toBe(false);
    expect(Array.from(pcOf(plainModel).subarray(kgBias))).toEqual(new Array(dKey).fill(0));
    // a file whose kg bias is set but whose metadata does not say so is refused, not silently dropped
    const stripped = onnxProto.onnx.ModelProto.decode(bytes);
    stripped.metadataProps = (stripped.metadataProps ?? []).filter((p) => p.key !== 'aura.gateQueryBias');
    expect(() => importAuraMemOnnx(onnxProto.onnx.ModelProto.encode(stripped).finish())).toThrow(
      /aura.gateQueryBias/,
    );
  });
});
