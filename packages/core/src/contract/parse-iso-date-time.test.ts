import { describe, expect, it } from 'vitest';
import { parseIsoDateTime } from './parse-iso-date-time.js';

/** A deterministic generator (mulberry32), so a failure names its case and repeats. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseIsoDateTime', () => {
  it('reads what Date.parse reads, for fixed cases at every edge', () => {
    const cases = [
      '2026-12-02T04:58:18.123Z',
      '2026-12-02T04:58:18Z',
      '2024-02-29T23:59:59.999Z', // leap day
      '2026-02-29T00:00:00Z', // not a leap year
      '2100-02-29T00:00:00Z', // century, not a leap year
      '2000-02-29T00:00:00Z', // 400-year leap
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-00-01T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-12-02T24:00:00Z',
      '2026-12-02T23:60:00Z',
      '2026-12-02T23:59:60Z',
      '0000-01-01T00:00:00Z',
      '0099-12-31T23:59:59Z',
      '0100-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '3000-01-01T00:00:00Z',
      '2026-12-02T04:58:18.123+02:00',
      '2026-12-02T04:58:18+00:00',
      '2026-12-02T04:58:18.1Z',
      '2026-12-02T04:58:18.123456Z',
      '2026-12-02t04:58:18Z',
      '2026-12-02T04:58:18z',
      '2026-12-02 04:58:18Z',
      '2026-12-02T04:58:18.12aZ',
      '2026-1a-02T04:58:18Z',
      '+002026-12-02T04:58:18Z',
      '2026-12-02T04:58Z',
      '2026-12-02',
      '',
      'not a date',
    ];
    for (const text of cases) expect(parseIsoDateTime(text), text).toBe(Date.parse(text));
  });

  it('reads what Date.parse reads, for 20,000 generated strings of the fast form with any digits', () => {
    const next = random(20261202);
    const pick = (chars: string) => chars[Math.floor(next() * chars.length)]!;
    const d = () => pick('0123456789');
    const template = ['YYYY-MM-DDTHH:MM:SSZ', 'YYYY-MM-DDTHH:MM:SS.sssZ'];
    for (let i = 0; i < 20_000; i++) {
      // mostly plausible fields, sometimes any digit or a stray character in any place
      const year = String(
        next() < 0.9 ? 1970 + Math.floor(next() * 200) : Math.floor(next() * 10_000),
      ).padStart(4, '0');
      const two = (max: number) => String(Math.floor(next() * max)).padStart(2, '0');
      let text = template[i % 2]!.replace('YYYY', year)
        .replace('MM', next() < 0.9 ? two(13) : d() + d())
        .replace('DD', next() < 0.9 ? two(32) : d() + d())
        .replace('HH', next() < 0.9 ? two(25) : d() + d())
        .replace('MM', next() < 0.9 ? two(61) : d() + d())
        .replace('SS', next() < 0.9 ? two(61) : d() + d())
        .replace('sss', d() + d() + d());
      if (next() < 0.05) {
        const at = Math.floor(next() * text.length);
        text = text.slice(0, at) + pick('x-:T.Z+ 0') + text.slice(at + 1);
      }
      expect(parseIsoDateTime(text), text).toBe(Date.parse(text));
    }
  });
});
