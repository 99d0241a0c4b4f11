import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/app-config.js';
import { TauCurveSource } from './tau-curve.source.js';

const models = path.resolve(import.meta.dirname, '../../../../../models');
const dir = mkdtempSync(path.join(tmpdir(), 'tau-curve-'));
const model = path.join(dir, 'm.onnx');
const curve = path.join(dir, 'm.tau-curve.json');
copyFileSync(path.join(models, 'aura-mem-hard-v1.onnx'), model);
const source = (curvePath = curve) =>
  new TauCurveSource({ modelPath: model, tauCurvePath: curvePath } as AppConfig);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TauCurveSource', () => {
  it('disables the autopilot with a clear message when the model ships no curve', async () => {
    const lookup = await source().load();
    expect(lookup).toMatchObject({ status: 'missing', curve: null });
    expect(lookup.message).toMatch(/ships no τ curve .* the flash-life autopilot is disabled/);
  });

  it('loads the curve measured on this very model file, and refuses one measured on another', async () => {
    copyFileSync(path.join(models, 'aura-mem-hard-v1.tau-curve.json'), curve);
    const ok = await source().load();
    expect(ok.status).toBe('ok');
    expect(ok.curve?.model.sha256).toBe(createHash('sha256').update(readFileSync(model)).digest('hex'));
    const other = JSON.parse(readFileSync(curve, 'utf8'));
    other.model.sha256 = 'f'.repeat(64);
    const otherPath = path.join(dir, 'other.json');
    writeFileSync(otherPath, JSON.stringify(other));
    const mismatch = await source(otherPath).load();
    expect(mismatch).toMatchObject({ status: 'mismatch', curve: null });
    expect(mismatch.message).toMatch(/measured on another model file/);
  });

  it('names the bad field of an invalid curve', async () => {
    const bad = JSON.parse(readFileSync(curve, 'utf8'));
    bad.points[0].tau = 2;
    const badPath = path.join(dir, 'bad.json');
    writeFileSync(badPath, JSON.stringify(bad));
    const lookup = await source(badPath).load();
    expect(lookup.status).toBe('invalid');
    expect(lookup.message).toMatch(/points\.0\.tau: must be between 0 and 1/);
  });
});
