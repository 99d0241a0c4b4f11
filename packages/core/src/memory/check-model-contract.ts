import type { ModelDescription, ModelValueInfo } from './describe-onnx-model.js';

/** Dimensions the runtime expects (anything omitted is taken from the model's own metadata). */
export interface ExpectedModelDims {
  dModel?: number;
  dKey?: number;
  dVal?: number;
  dAction?: number;
}

export const AURA_METADATA_KEYS = [
  'aura.dModel',
  'aura.dKey',
  'aura.dVal',
  'aura.dAction',
  'aura.task',
  'aura.version',
] as const;

const fmtShape = (s: readonly (number | string)[]) => `[${s.join(',')}]`;

/**
 * The AURA-Mem step contract (DESIGN.md §3) as a pure function: returns one message per mismatch
 * (empty when the model conforms). Checks metadata_props, the exact input set with types and shapes,
 * and the output set with types and shapes (where the model declares them).
 */
export function checkModelContract(
  model: ModelDescription,
  expected: ExpectedModelDims = { dKey: 32, dVal: 32 },
): string[] {
  const problems: string[] = [];
  const dims: Record<'dModel' | 'dKey' | 'dVal' | 'dAction', number> = {
    dModel: 0,
    dKey: 0,
    dVal: 0,
    dAction: 0,
  };
  for (const key of AURA_METADATA_KEYS) {
    const value = model.metadata[key];
    if (value === undefined || value === '') {
      problems.push(`metadata "${key}" is missing`);
      continue;
    }
    const short = key.slice('aura.'.length) as keyof typeof dims;
    if (short in dims) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        problems.push(`metadata "${key}" must be a positive integer, got "${value}"`);
        continue;
      }
      const want = expected[short];
      if (want !== undefined && n !== want) problems.push(`metadata "${key}": expected ${want}, got ${n}`);
      dims[short] = n;
    }
  }
  // optional layer flags the importer reads: present means "1" (anything else would be read as off)
  const forget = model.metadata['aura.forget'];
  if (forget !== undefined && forget !== '1')
    problems.push(`metadata "aura.forget" must be "1" when present, got "${forget}"`);
  // the nonlinear write key's hidden width: a positive integer when present
  const keyHidden = model.metadata['aura.keyHidden'];
  if (keyHidden !== undefined && !(Number.isInteger(Number(keyHidden)) && Number(keyHidden) >= 1))
    problems.push(`metadata "aura.keyHidden" must be a positive integer when present, got "${keyHidden}"`);
  // the runtime's expectation wins over the model's own claim; unknown dimensions match anything (-1)
  const resolve = (d: number, name: keyof typeof dims) => expected[name] ?? (d > 0 ? d : -1);
  const dModel = resolve(dims.dModel, 'dModel');
  const dKey = resolve(dims.dKey, 'dKey');
  const dVal = resolve(dims.dVal, 'dVal');
  const dAction = resolve(dims.dAction, 'dAction');

  const compare = (
    dir: 'input' | 'output',
    want: ModelValueInfo[],
    got: ModelValueInfo[],
    strictShape: boolean,
  ) => {
    const byName = new Map(got.map((v) => [v.name, v]));
    for (const w of want) {
      const g = byName.get(w.name);
      if (!g) {
        problems.push(`${dir} "${w.name}" is missing (expected ${w.type} ${fmtShape(w.shape)})`);
        continue;
      }
      if (g.type !== w.type) problems.push(`${dir} "${w.name}": expected type ${w.type}, got ${g.type}`);
      const shapeKnown = g.shape.length > 0 || strictShape;
      const same =
        g.shape.length === w.shape.length &&
        g.shape.every((d, i) => d === w.shape[i] || (w.shape[i] as number) < 0);
      if (shapeKnown && !same) {
        problems.push(`${dir} "${w.name}": expected shape ${fmtShape(w.shape)}, got ${fmtShape(g.shape)}`);
      }
    }
    const wanted = new Set(want.map((w) => w.name));
    for (const g of got) if (!wanted.has(g.name)) problems.push(`unexpected ${dir} "${g.name}"`);
  };
  compare(
    'input',
    [
      { name: 'z', type: 'float32', shape: [1, dModel] },
      { name: 'W', type: 'float32', shape: [1, dKey, dVal] },
      { name: 'b', type: 'float32', shape: [1, dVal] },
      { name: 'tau', type: 'float32', shape: [1] },
    ],
    model.inputs,
    true,
  );
  compare(
    'output',
    [
      { name: 'action', type: 'float32', shape: [1, dAction] },
      { name: 'gate', type: 'float32', shape: [1] },
      { name: 'wrote', type: 'bool', shape: [1] },
      { name: 'W_next', type: 'float32', shape: [1, dKey, dVal] },
      { name: 'b_next', type: 'float32', shape: [1, dVal] },
      { name: 'surprise', type: 'float32', shape: [1] },
    ],
    model.outputs,
    false,
  );
  return problems;
}
