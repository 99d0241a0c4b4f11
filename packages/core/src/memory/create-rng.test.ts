import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng.js';

describe('createRng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('gives roughly uniform and normal draws', () => {
    const rng = createRng(7);
    let sum = 0;
    let sq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      sq += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[rng.int(8)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});
