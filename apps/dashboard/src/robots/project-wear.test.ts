import { describe, expect, it } from 'vitest';
import { formatDaysLeft, projectWear } from './project-wear';

const DAY = 86_400_000;

describe('projectWear', () => {
  it('extrapolates the window’s wear growth linearly to 100 %', () => {
    const projection = projectWear([
      { t: 0, wear: 0.1 },
      { t: DAY / 2, wear: null },
      { t: DAY, wear: 0.2 },
    ]);
    expect(projection?.perDay).toBeCloseTo(0.1, 12);
    expect(projection?.daysLeft).toBeCloseTo(8, 9); // (1 − 0.2) ÷ 0.1
  });

  it('is unbounded when wear did not grow, and unknown with fewer than two points', () => {
    expect(
      projectWear([
        { t: 0, wear: 0.3 },
        { t: DAY, wear: 0.3 },
      ]),
    ).toEqual({ perDay: 0, daysLeft: null });
    expect(projectWear([{ t: 0, wear: 0.3 }])).toBeNull();
    expect(
      projectWear([
        { t: 0, wear: null },
        { t: DAY, wear: null },
      ]),
    ).toBeNull();
  });

  it('says so when wear is not growing', () => {
    expect(formatDaysLeft(null)).toBe('not wearing out at this pace');
    expect(formatDaysLeft(8)).toBe('8 days');
  });
});
