import { describe, expect, it } from 'vitest';
import {
  computeRatedHostBytes,
  computeWearFraction,
  DeviceProfileSchema,
  estimateBytesPerWrite,
  estimateFlashWear,
  pagesTouched,
  roundUpToPages,
} from './estimate-flash-wear.js';

const profile = DeviceProfileSchema.parse({});

describe('DeviceProfileSchema', () => {
  it('fills documented defaults: 32 GB eMMC, 3000 P/E, 4 KiB pages, WAF 2', () => {
    expect(profile).toEqual({
      kind: 'emmc',
      capacityBytes: 32_000_000_000,
      ratedPeCycles: 3000,
      pageBytes: 4096,
      writeAmplification: 2,
    });
  });

  it('refuses impossible values, naming the field', () => {
    const r = DeviceProfileSchema.safeParse({ writeAmplification: 0.5, pageBytes: 0, extra: 1 });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toContain('writeAmplification');
    expect(paths).toContain('pageBytes');
  });
});

describe('page rounding', () => {
  it('rounds up to whole pages', () => {
    expect(roundUpToPages(0, 4096)).toBe(0);
    expect(roundUpToPages(1, 4096)).toBe(4096);
    expect(roundUpToPages(4096, 4096)).toBe(4096);
    expect(roundUpToPages(4224, 4096)).toBe(8192);
  });

  it('counts pages an append touches', () => {
    expect(pagesTouched(0, 100, 4096)).toBe(1);
    expect(pagesTouched(4000, 100, 4096)).toBe(2);
    expect(pagesTouched(4096, 4096, 4096)).toBe(1);
    expect(pagesTouched(10, 0, 4096)).toBe(0);
  });
});

describe('estimateBytesPerWrite', () => {
  it('none costs nothing; a snapshot costs the state rounded up to pages', () => {
    expect(estimateBytesPerWrite({ mode: 'none', stateBytes: 4224, pageBytes: 4096 })).toBe(0);
    expect(
      estimateBytesPerWrite({
        mode: 'snapshot',
        stateBytes: 4224,
        snapshotOverheadBytes: 52,
        pageBytes: 4096,
      }),
    ).toBe(8192);
  });

  it('delta-log amortises records over flushes and adds a checkpoint share', () => {
    // one fsync per 416-byte record: 4096 + 415 bytes programmed on average; every 64th write is an
    // 8 KiB snapshot plus a one-page log header
    expect(
      estimateBytesPerWrite({
        mode: 'delta-log',
        stateBytes: 4224,
        snapshotOverheadBytes: 52,
        recordBytes: 416,
        logHeaderBytes: 32,
        checkpointEvery: 64,
        pageBytes: 4096,
      }),
    ).toBeCloseTo((63 * 4511 + 8192 + 4096) / 64, 9);
    // ten records per flush share their pages
    expect(
      estimateBytesPerWrite({
        mode: 'delta-log',
        stateBytes: 4224,
        recordBytes: 400,
        recordsPerFlush: 10,
        checkpointEvery: 1000,
        pageBytes: 4096,
      }),
    ).toBeCloseTo(((999 * (4096 + 3999)) / 10 + 8192) / 1000, 9);
  });
});

describe('wear', () => {
  it('host bytes × WAF ÷ (capacity × P/E)', () => {
    expect(computeRatedHostBytes(profile)).toBe(48e12);
    expect(computeWearFraction(48e12, profile)).toBe(1);
    expect(computeWearFraction(4.8e12, profile)).toBeCloseTo(0.1, 12);
  });

  it('uses a TBW rating when given', () => {
    const p = DeviceProfileSchema.parse({ tbwBytes: 10e12 });
    expect(computeWearFraction(1e12, p)).toBeCloseTo(0.1, 12);
  });

  it('projects end of life from the rate; none when the rate is 0', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const e = estimateFlashWear({ hostBytes: 24e12, bytesPerSecond: 1e6, profile, now });
    expect(e.wearFraction).toBe(0.5);
    expect(e.flashBytes).toBe(48e12);
    expect(e.secondsToEndOfLife).toBe(24e6);
    expect(e.endOfLife?.toISOString()).toBe(new Date(now.getTime() + 24e9).toISOString());
    const idle = estimateFlashWear({ hostBytes: 1, bytesPerSecond: 0, profile, now });
    expect(idle.secondsToEndOfLife).toBe(Number.POSITIVE_INFINITY);
    expect(idle.endOfLife).toBeNull();
    const past = estimateFlashWear({ hostBytes: 60e12, bytesPerSecond: 5, profile, now });
    expect(past.remainingHostBytes).toBe(0);
    expect(past.endOfLife?.getTime()).toBe(now.getTime());
  });
});
