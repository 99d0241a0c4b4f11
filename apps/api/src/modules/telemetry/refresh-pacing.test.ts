import { describe, expect, it } from 'vitest';
import { RefreshPacing } from './refresh-pacing.js';

describe('RefreshPacing', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('lets the first run go, then waits until the last run is at most half of the time since it began', async () => {
    const c = clock();
    const pacing = new RefreshPacing(0.5, c.now);
    expect(pacing.wait()).toBe(0);
    await pacing.run(async () => c.advance(7_000)); // a 7 s refresh
    expect(pacing.wait()).toBe(7_000); // due 14 s after it began
    c.advance(3_000); // the 10 s schedule fires
    expect(pacing.wait()).toBe(4_000);
    c.advance(4_000);
    expect(pacing.wait()).toBe(0);
  });

  it('keeps a fast refresh on its schedule', async () => {
    const c = clock();
    const pacing = new RefreshPacing(0.5, c.now);
    await pacing.run(async () => c.advance(800));
    c.advance(9_200);
    expect(pacing.wait()).toBe(0);
  });

  it('paces after a failed run too, and refuses a share outside (0, 1]', async () => {
    const c = clock();
    const pacing = new RefreshPacing(0.5, c.now);
    await expect(
      pacing.run(async () => {
        c.advance(6_000);
        throw new Error('statement timeout');
      }),
    ).rejects.toThrow('statement timeout');
    expect(pacing.wait()).toBe(6_000);
    expect(() => new RefreshPacing(0)).toThrow(RangeError);
    expect(() => new RefreshPacing(1.5)).toThrow(RangeError);
  });
});
