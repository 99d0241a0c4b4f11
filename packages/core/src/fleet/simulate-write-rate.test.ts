import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWriteRateSimulator } from './simulate-write-rate.js';

const model = readFileSync(path.resolve(import.meta.dirname, '../../../../models/aura-mem-hard-v1.onnx'));

describe('write-rate simulation with the committed model', () => {
  const simulator = createWriteRateSimulator(model, { episodes: 40 });

  it('writes less as τ rises, always at τ = 0 and never at τ = 1', () => {
    const rates = [0, 0.2, 0.5, 0.8, 1].map((tau) => simulator.writeRateAt(tau));
    expect(rates[0]).toBe(1);
    expect(rates[4]).toBe(0);
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeLessThanOrEqual(rates[i - 1]!);
    expect(simulator.writeRateAt(0.5)).toBeGreaterThan(0.05);
    expect(simulator.writeRateAt(0.5)).toBeLessThan(0.6);
  });

  it('is deterministic and names the model it ran', () => {
    expect(createWriteRateSimulator(model, { episodes: 40 }).writeRateAt(0.3)).toBe(
      simulator.writeRateAt(0.3),
    );
    expect(simulator.modelVersion).toBe('aura-mem-hard-v1');
  });
});
