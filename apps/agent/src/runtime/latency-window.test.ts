import { describe, expect, it } from 'vitest';
import { LatencyWindow } from './latency-window.js';

function exact(samples: number[], q: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

describe('LatencyWindow', () => {
  it('gives nearest-rank p50 and p99 within 0.5 % of the exact samples', () => {
    let s = 7;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const samples = Array.from({ length: 10_000 }, () => 20 + 200 * rand() ** 4);
    const window = new LatencyWindow();
    for (const us of samples) window.add(us);
    const { p50, p99 } = window.percentiles();
    expect(Math.abs(p50 / exact(samples, 0.5) - 1)).toBeLessThan(0.005);
    expect(Math.abs(p99 / exact(samples, 0.99) - 1)).toBeLessThan(0.005);
    expect(window.count).toBe(10_000);
  });

  it('is empty after reset, and clamps values outside its range', () => {
    const window = new LatencyWindow();
    expect(window.percentiles()).toEqual({ p50: 0, p99: 0 });
    window.add(0);
    window.add(1e12);
    expect(window.percentiles().p50).toBeLessThan(0.11);
    expect(window.percentiles().p99).toBeGreaterThan(99e6);
    window.reset();
    expect(window.count).toBe(0);
    window.add(42);
    expect(window.percentiles().p50).toBeCloseTo(42, 0);
  });

  it('keeps its memory fixed however many samples a window holds', () => {
    const window = new LatencyWindow();
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 2_000_000; i++) window.add(10 + (i % 97));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024);
    expect(window.percentiles().p99).toBeGreaterThan(100);
  });
});
