import { describe, expect, it } from 'vitest';
import { binProjectedLives, targetBinLabel } from './bin-lives';

const Y = 365.25;

describe('binProjectedLives', () => {
  it('puts the target on a bin edge and counts short and meeting robots per bin', () => {
    const bins = binProjectedLives(
      [
        { lifeDays: 0.2 * Y, short: true },
        { lifeDays: 1.5 * Y, short: true },
        { lifeDays: 4.2 * Y, short: true },
        { lifeDays: 4.2 * Y, short: false }, // a group with a shorter target
        { lifeDays: 6 * Y, short: false },
        { lifeDays: 40 * Y, short: false },
        { lifeDays: null, short: false },
      ],
      4 * Y,
    );
    expect(bins.map((b) => b.label)).toEqual([
      '0–0.5 y',
      '0.5–1 y',
      '1–2 y',
      '2–3 y',
      '3–4 y',
      '4–5 y',
      '5–7 y',
      '7–10 y',
      '10–15 y',
      '≥ 15 y',
      'unbounded',
    ]);
    const at = (label: string) => bins.find((b) => b.label === label)!;
    expect(at('0–0.5 y')).toMatchObject({ short: 1, meets: 0 });
    expect(at('1–2 y').short).toBe(1);
    expect(at('4–5 y')).toMatchObject({ short: 1, meets: 1 });
    expect(at('5–7 y').meets).toBe(1);
    expect(at('≥ 15 y').meets).toBe(1);
    expect(at('unbounded').meets).toBe(1);
    expect(bins.reduce((s, b) => s + b.short + b.meets, 0)).toBe(7);
    expect(targetBinLabel(bins, 4 * Y)).toBe('4–5 y');
  });

  it('does not duplicate an edge when the target is already one', () => {
    const bins = binProjectedLives([], 5 * Y);
    expect(bins.filter((b) => b.label.startsWith('5–'))).toHaveLength(1);
    expect(targetBinLabel(bins, 5 * Y)).toBe('5–7 y');
  });
});
