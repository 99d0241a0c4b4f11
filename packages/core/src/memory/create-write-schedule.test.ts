import { describe, expect, it } from 'vitest';
import { createWriteSchedule, matchWriteBudget, type WriteSchedule } from './create-write-schedule.js';

const count = (s: WriteSchedule, steps: number, gate = 0.5, surprise = 0) => {
  let n = 0;
  for (let t = 0; t < steps; t++) if (s.shouldWrite(t, gate, surprise)) n++;
  return n;
};

describe('write schedules', () => {
  it('always / never / periodic write the expected number of times', () => {
    expect(count(createWriteSchedule({ kind: 'always' }), 100)).toBe(100);
    expect(count(createWriteSchedule({ kind: 'never' }), 100)).toBe(0);
    expect(count(createWriteSchedule({ kind: 'periodic', period: 4 }), 100)).toBe(25);
    expect(count(createWriteSchedule({ kind: 'periodic', period: 3, offset: 2 }), 10)).toBe(3);
  });

  it('random(p) writes about p of the steps and is reproducible per seed', () => {
    const n = count(createWriteSchedule({ kind: 'random', p: 0.2, seed: 3 }), 10000);
    expect(n).toBeGreaterThan(1850);
    expect(n).toBeLessThan(2150);
    expect(count(createWriteSchedule({ kind: 'random', p: 0.2, seed: 3 }), 10000)).toBe(n);
  });

  it('budget-matched schedules write exactly the reference count', () => {
    const ref = { writes: 37, steps: 160 };
    const { periodic, random } = matchWriteBudget(ref, 11);
    expect(count(periodic, 160)).toBe(37);
    expect(count(random, 160)).toBe(37);
    expect(count(periodic, 320)).toBe(37); // nothing after the budgeted horizon
    const other = matchWriteBudget(ref, 12).random;
    const a = Array.from({ length: 160 }, (_, t) => random.shouldWrite(t, 0, 0));
    const b = Array.from({ length: 160 }, (_, t) => other.shouldWrite(t, 0, 0));
    expect(a).not.toEqual(b);
    expect(() => matchWriteBudget({ writes: 5, steps: 4 }, 1)).toThrow(RangeError);
  });

  it('surprise and gate thresholds compare strictly', () => {
    const s = createWriteSchedule({ kind: 'surprise', threshold: 0.3 });
    expect(s.shouldWrite(0, 0, 0.3)).toBe(false);
    expect(s.shouldWrite(0, 0, 0.31)).toBe(true);
    const g = createWriteSchedule({ kind: 'gate', tau: 0.5 });
    expect(g.shouldWrite(0, 0.5, 9)).toBe(false);
    expect(g.shouldWrite(0, 0.51, 0)).toBe(true);
  });
});
