import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { checkModelContract } from './check-model-contract.js';
import { createAuraMemParams } from './create-aura-mem-params.js';
import { describeOnnxModel } from './describe-onnx-model.js';
import { editOnnxModel } from './edit-onnx-model.js';
import { AURA_ONNX_IR_VERSION, AURA_ONNX_OPSET, exportAuraMemOnnx } from './export-aura-mem-onnx.js';

const config = { dModel: 10, dKey: 32, dVal: 32, dAction: 8, dGate: 4, dHidden: 6 };
const bytes = exportAuraMemOnnx(createAuraMemParams(config, 1), { task: 'hard', version: 'test-v1' });

describe('exported ONNX model and the contract check', () => {
  it('exports IR 8 / opset 17 with the contract inputs, outputs and metadata', () => {
    const m = onnxProto.onnx.ModelProto.decode(bytes);
    expect(Number(m.irVersion)).toBe(AURA_ONNX_IR_VERSION);
    expect(Number(m.opsetImport[0]?.version)).toBe(AURA_ONNX_OPSET);
    const d = describeOnnxModel(bytes);
    expect(d.inputs.map((i) => `${i.name}:${i.type}[${i.shape}]`)).toEqual([
      'z:float32[1,10]',
      'W:float32[1,32,32]',
      'b:float32[1,32]',
      'tau:float32[1]',
    ]);
    expect(d.outputs.map((o) => o.name)).toEqual(['action', 'gate', 'wrote', 'W_next', 'b_next', 'surprise']);
    expect(d.metadata).toMatchObject({
      'aura.dModel': '10',
      'aura.dKey': '32',
      'aura.dVal': '32',
      'aura.dAction': '8',
      'aura.task': 'hard',
      'aura.version': 'test-v1',
    });
    expect(checkModelContract(d)).toEqual([]);
    expect(checkModelContract(d, { dModel: 10, dAction: 8, dKey: 32, dVal: 32 })).toEqual([]);
  });

  it('names a renamed or missing input', () => {
    const d = describeOnnxModel(editOnnxModel(bytes, { rename: { tau: 'threshold' } }));
    const problems = checkModelContract(d);
    expect(problems).toContain('input "tau" is missing (expected float32 [1])');
    expect(problems).toContain('unexpected input "threshold"');
  });

  it('names a missing output', () => {
    const problems = checkModelContract(describeOnnxModel(editOnnxModel(bytes, { rename: { wrote: 'w' } })));
    expect(problems.some((p) => p.startsWith('output "wrote" is missing'))).toBe(true);
  });

  it('names wrong or missing metadata and dimension mismatches', () => {
    const d = describeOnnxModel(editOnnxModel(bytes, { metadata: { 'aura.task': null, 'aura.dKey': 'x' } }));
    const problems = checkModelContract(d);
    expect(problems).toContain('metadata "aura.task" is missing');
    expect(problems).toContain('metadata "aura.dKey" must be a positive integer, got "x"');
    expect(checkModelContract(describeOnnxModel(bytes), { dModel: 64 })).toEqual([
      'metadata "aura.dModel": expected 64, got 10',
      'input "z": expected shape [1,64], got [1,10]',
    ]);
    const small = exportAuraMemOnnx(createAuraMemParams({ ...config, dKey: 16 }, 1), {
      task: 'hard',
      version: 'x',
    });
    expect(checkModelContract(describeOnnxModel(small))).toContain(
      'metadata "aura.dKey": expected 32, got 16',
    );
  });

  it('names a wrong type', () => {
    const d = describeOnnxModel(bytes);
    const tampered = {
      ...d,
      inputs: d.inputs.map((i) => (i.name === 'tau' ? { ...i, type: 'float64' } : i)),
    };
    expect(checkModelContract(tampered)).toEqual(['input "tau": expected type float32, got float64']);
  });
});

describe('importAuraMemOnnx', () => {
  it('round-trips the exported weights and layer shape', async () => {
    const { importAuraMemOnnx } = await import('./import-aura-mem-onnx.js');
    const params = createAuraMemParams(config, 3);
    const back = importAuraMemOnnx(exportAuraMemOnnx(params, { task: 'hard', version: 'v' }));
    expect(back.params.config).toEqual(config);
    expect(back.params.data).toEqual(params.data);
    expect(back.metadata['aura.version']).toBe('v');
  });

  it('round-trips a v2 layer whose gate reads the memory (extra Wg, Gm; aura.gateRead = 1)', async () => {
    const { importAuraMemOnnx } = await import('./import-aura-mem-onnx.js');
    const v2 = { ...config, gateRead: true };
    const params = createAuraMemParams(v2, 3);
    const bytes = exportAuraMemOnnx(params, { task: 'hard-v2', version: 'v2' });
    const back = importAuraMemOnnx(bytes);
    expect(back.params.config).toEqual(v2);
    expect(back.params.data).toEqual(params.data);
    expect(back.metadata['aura.gateRead']).toBe('1');
    expect(checkModelContract(describeOnnxModel(bytes), {})).toEqual([]);
    // the v1 layout is untouched: same parameter prefix, no gate-read tensors
    expect(createAuraMemParams(config, 3).data).toEqual(
      params.data.subarray(0, createAuraMemParams(config, 3).data.length),
    );
  });

  it('round-trips a v2 layer with the gate query bias (cg in Pc; aura.gateQueryBias = 1), same contract', async () => {
    const { importAuraMemOnnx } = await import('./import-aura-mem-onnx.js');
    const v2 = { ...config, gateRead: true, gateQueryBias: true };
    const params = createAuraMemParams(v2, 3);
    for (let i = 0; i < params.cg.length; i++) params.cg[i] = Math.sin(i) / 2;
    const bytes = exportAuraMemOnnx(params, { task: 'hard-v2', version: 'v2' });
    const back = importAuraMemOnnx(bytes);
    expect(back.params.config).toEqual(v2);
    expect(back.params.data).toEqual(params.data);
    expect(back.metadata['aura.gateQueryBias']).toBe('1');
    expect(checkModelContract(describeOnnxModel(bytes), {})).toEqual([]);
  });
  it('round-trips a layer with the forgetting factor (gf initialiser; aura.forget = 1), same contract; a wrong flag value is reported', async () => {
    const { importAuraMemOnnx } = await import('./import-aura-mem-onnx.js');
    const v2 = { ...config, gateRead: true, forget: true };
    const params = createAuraMemParams(v2, 3);
    params.gf[0] = 1.25;
    const bytes = exportAuraMemOnnx(params, { task: 'hard-v2', version: 'v2' });
    const back = importAuraMemOnnx(bytes);
    expect(back.params.config).toEqual(v2);
    expect(back.params.data).toEqual(params.data);
    expect(back.metadata['aura.forget']).toBe('1');
    const description = describeOnnxModel(bytes);
    expect(checkModelContract(description, {})).toEqual([]);
    expect(
      checkModelContract(
        { ...description, metadata: { ...description.metadata, 'aura.forget': 'true' } },
        {},
      ),
    ).toEqual(['metadata "aura.forget" must be "1" when present, got "true"']);
  });
  it('a layer with the nonlinear write key (aura.keyHidden = H) keeps the contract; a width that is not a positive integer is reported', async () => {
    const { importAuraMemOnnx } = await import('./import-aura-mem-onnx.js');
    const v2 = { ...config, gateRead: true, keyHidden: 6 };
    const params = createAuraMemParams(v2, 3);
    params.Ko.fill(0.25);
    const bytes = exportAuraMemOnnx(params, { task: 'hard-v2', version: 'v2' });
    const back = importAuraMemOnnx(bytes);
    expect(back.params.config).toEqual(v2);
    expect(back.params.data).toEqual(params.data);
    const description = describeOnnxModel(bytes);
    expect(checkModelContract(description, {})).toEqual([]);
    expect(
      checkModelContract(
        { ...description, metadata: { ...description.metadata, 'aura.keyHidden': '0' } },
        {},
      ),
    ).toEqual(['metadata "aura.keyHidden" must be a positive integer when present, got "0"']);
  });
});
