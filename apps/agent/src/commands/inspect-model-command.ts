import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkModelContract, computeStateBytes, describeOnnxModel, type ModelDescription } from '@aura/core';

/** `aura-agent inspect-model FILE`: dims, metadata, interface and the contract check; 1 on mismatch. */
export function inspectModelCommand(
  file: string,
  options: { json?: boolean },
  out: NodeJS.WriteStream,
): number {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    out.write(`cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  let d: ModelDescription;
  try {
    d = describeOnnxModel(bytes);
  } catch (err) {
    out.write(`${file}: not a readable ONNX model (${(err as Error).message})\n`);
    return 1;
  }
  const mismatches = checkModelContract(d, { dKey: 32, dVal: 32 });
  const m = d.metadata;
  const dims = {
    dModel: Number(m['aura.dModel']),
    dKey: Number(m['aura.dKey']),
    dVal: Number(m['aura.dVal']),
    dAction: Number(m['aura.dAction']),
  };
  const stateBytes =
    Number.isInteger(dims.dKey) && Number.isInteger(dims.dVal) ? computeStateBytes(dims) : undefined;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.json) {
    out.write(
      `${JSON.stringify({ file, bytes: bytes.length, sha256, dims, stateBytes, metadata: m, inputs: d.inputs, outputs: d.outputs, contract: { ok: mismatches.length === 0, mismatches } }, null, 2)}\n`,
    );
    return mismatches.length === 0 ? 0 : 1;
  }
  const io = (v: { name: string; type: string; shape: (number | string)[] }) =>
    `  ${v.name.padEnd(10)} ${v.type.padEnd(8)} [${v.shape.join(', ')}]`;
  const lines = [
    `${file}`,
    `  ${bytes.length} bytes, sha256 ${sha256}`,
    `dims: dModel ${dims.dModel}, dKey ${dims.dKey}, dVal ${dims.dVal}, dAction ${dims.dAction}` +
      (stateBytes !== undefined ? `; state ${stateBytes} B` : ''),
    'metadata:',
    ...Object.entries(m).map(([k, v]) => `  ${k} = ${v}`),
    'inputs:',
    ...d.inputs.map(io),
    'outputs:',
    ...d.outputs.map(io),
    mismatches.length === 0
      ? 'contract: OK (DESIGN.md §3 AURA-Mem step contract)'
      : `contract: MISMATCH\n${mismatches.map((x) => `  - ${x}`).join('\n')}`,
  ];
  out.write(`${lines.join('\n')}\n`);
  return mismatches.length === 0 ? 0 : 1;
}
