import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AuraMemParams, editOnnxModel, importAuraMemOnnx, tensorShapes } from '../src/memory/index.js';

// `pnpm model:recalibrate` on a copy of the committed v2 model, with few calibration episodes (the rule is
// unit-tested in calibrate-gate-temperature.test.ts; this checks what the script writes).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const committed = path.join(root, 'models', 'aura-mem-v2.onnx');
function recalibrate(...args: string[]) {
  const child = spawnSync(
    process.execPath,
    ['--conditions=@aura/source', '--import', 'tsx', 'packages/core/scripts/recalibrate-gate.ts', ...args],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
const read = (file: string) => importAuraMemOnnx(new Uint8Array(readFileSync(file)));
const tensor = (p: AuraMemParams, name: string) => Array.from(p[name as keyof AuraMemParams] as Float32Array);

describe('pnpm model:recalibrate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-recal-'));
  const input = path.join(dir, 'in.onnx');
  copyFileSync(committed, input);
  const before = read(input);
  const oldScale = Number(before.metadata['aura.gateScale'] ?? '1');

  it('rescales only the gate output (Go, Gc) by new ÷ old scale, records aura.gateScale, and keeps the rest', () => {
    const out = path.join(dir, 'out.onnx');
    const run = recalibrate('--model', input, '--out', out, '--episodes', '3');
    expect(run.status, run.stderr).toBe(0);
    const chosen = /gate scale \S+ → (\S+) /.exec(run.stdout);
    expect(chosen).not.toBeNull();
    const scale = Number(chosen?.[1]);
    expect(run.stdout).toMatch(new RegExp(`scale ${chosen?.[1]} .*← chosen`));
    const after = read(out);
    expect(after.metadata['aura.gateScale']).toBe(String(scale));
    const { 'aura.gateScale': _a, ...restAfter } = after.metadata;
    const { 'aura.gateScale': _b, ...restBefore } = before.metadata;
    expect(restAfter).toEqual(restBefore);
    for (const [name] of tensorShapes(before.params.config)) {
      if (name === 'Go' || name === 'Gc') {
        const ratio = scale / oldScale;
        tensor(after.params, name).forEach((v, i) => {
          expect(v).toBeCloseTo((tensor(before.params, name)[i] as number) * ratio, 5);
        });
      } else expect(tensor(after.params, name)).toEqual(tensor(before.params, name));
    }
    // decisions at τ = 0.5 are the trained ones: the logit's sign is unchanged, so is its bias's
    expect(Math.sign(tensor(after.params, 'Gc')[0] as number)).toBe(
      Math.sign(tensor(before.params, 'Gc')[0] as number),
    );
  }, 120_000);

  it('leaves a file whose scale is already the chosen one as it is (no float round trip of Go, Gc)', () => {
    // a file refitted on 3 calibration episodes holds the scale the same 3 episodes choose
    const fitted = path.join(dir, 'fitted.onnx');
    const first = recalibrate('--model', input, '--out', fitted, '--episodes', '3');
    expect(first.status, first.stderr).toBe(0);
    const scale = /gate scale \S+ → (\S+) /.exec(first.stdout)?.[1];
    const bytes = readFileSync(fitted);
    const copy = path.join(dir, 'copy.onnx');
    const again = recalibrate('--model', fitted, '--out', copy, '--episodes', '3');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`gate scale ${scale} → ${scale} `);
    expect(again.stdout).toContain('the scale is unchanged: copied');
    expect(Buffer.compare(readFileSync(copy), bytes)).toBe(0);
    const inPlace = recalibrate('--model', fitted, '--episodes', '3');
    expect(inPlace.status, inPlace.stderr).toBe(0);
    expect(inPlace.stdout).toContain(`${fitted} left as it is`);
    expect(Buffer.compare(readFileSync(fitted), bytes)).toBe(0);
  }, 240_000);

  it('--dry-run prints the candidates and writes nothing', () => {
    const run = recalibrate('--model', input, '--episodes', '3', '--dry-run');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.match(/^scale /gm)?.length).toBe(8);
    expect(run.stdout).not.toContain('wrote');
    expect(Buffer.compare(readFileSync(input), readFileSync(committed))).toBe(0);
  }, 120_000);

  it('refuses a file whose metadata has no training seed, naming it, and writes nothing', () => {
    const noSeed = path.join(dir, 'no-seed.onnx');
    writeFileSync(
      noSeed,
      editOnnxModel(new Uint8Array(readFileSync(committed)), { metadata: { 'aura.trainSeed': null } }),
    );
    const bytes = readFileSync(noSeed);
    const run = recalibrate('--model', noSeed);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('metadata has no aura.trainSeed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(Buffer.compare(readFileSync(noSeed), bytes)).toBe(0);
  }, 120_000);
});
