import { describe, expect, it } from 'vitest';
import { pickAskedSummaries } from './fleet-summary-demand.js';

const ask = (windowMinutes: number, lifeTargetDays = 1825) => ({ windowMinutes, lifeTargetDays });

describe('pickAskedSummaries', () => {
  const standard = { standardWindows: [60, 30], standardTargets: [1825, 1826] };

  it('keeps the standard windows at the standard targets whatever was asked', () => {
    const kept = pickAskedSummaries({ ...standard, asked: [], max: 4 });
    expect([...kept]).toEqual([
      [60, [1825, 1826]],
      [30, [1825, 1826]],
    ]);
    expect([...pickAskedSummaries({ ...standard, asked: [ask(17)], max: 0 })]).toEqual([...kept]);
  });

  it('adds at most `max` asked pairs beyond the standard ones, the most recently asked (first listed) first', () => {
    const kept = pickAskedSummaries({
      ...standard,
      // the standard pairs (also recorded) cost nothing; 17 at two targets counts twice
      asked: [ask(17), ask(60), ask(30, 1826), ask(17, 400), ask(45), ask(60, 90), ask(120), ask(240)],
      max: 4,
    });
    expect([...kept]).toEqual([
      [60, [1825, 1826, 90]],
      [30, [1825, 1826]],
      [17, [1825, 400]],
      [45, [1825]],
    ]);
    // the windows asked after the cap was reached (120, 240) are not computed
    expect(kept.has(120)).toBe(false);
  });
});
