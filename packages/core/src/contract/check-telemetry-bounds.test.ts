import { describe, expect, it } from 'vitest';
import { checkTelemetryBounds } from './check-telemetry-bounds.js';
import type { TelemetryRecord } from './wire-contract.js';

const now = Date.parse('2026-12-01T12:00:00Z');
const bounds = { now, retentionDays: 30, maxClockSkewSeconds: 300, maxStepRateHz: 1000 };
const record = (overrides: Partial<TelemetryRecord> = {}): TelemetryRecord => ({
  seq: 1,
  windowStart: '2026-12-01T11:59:40Z',
  windowEnd: '2026-12-01T11:59:50Z',
  steps: 100,
  writes: 20,
  tau: 0.5,
  policyVersion: 'default',
  stateBytes: 4224,
  kvEquivalentBytes: 25_600,
  flashBytesWritten: 0,
  wearFraction: 0,
  episodes: { completed: 4, succeeded: 3 },
  stepLatencyUs: { p50: 60, p99: 150 },
  ...overrides,
});

describe('checkTelemetryBounds', () => {
  it('accepts windows within retention and clock skew, at a plausible step rate', () => {
    expect(checkTelemetryBounds([record(), record({ steps: 10_001 })], bounds)).toEqual([]);
    const oldButKept = record({ windowStart: '2026-11-02T12:00:00Z', windowEnd: '2026-11-02T12:00:10Z' });
    expect(checkTelemetryBounds([oldButKept], bounds)).toEqual([]);
    const slightlyAhead = record({ windowStart: '2026-12-01T12:04:00Z', windowEnd: '2026-12-01T12:04:59Z' });
    expect(checkTelemetryBounds([slightlyAhead], bounds)).toEqual([]);
  });

  it('names the field of each record outside the bounds', () => {
    const issues = checkTelemetryBounds(
      [
        record(),
        record({ windowStart: '3000-01-01T00:00:00Z', windowEnd: '3000-01-01T00:00:10Z' }),
        record({ windowStart: '0000-01-01T00:00:00Z' }),
        record({ steps: 1_000_000_000, writes: 0 }),
        record({ episodes: { completed: 200, succeeded: 0 } }),
        record({ windowStart: '2026-11-01T00:00:00Z', windowEnd: '2026-12-01T00:00:00Z', steps: 10 }),
      ],
      bounds,
    );
    expect(issues.map((i) => i.path)).toEqual([
      'records[1].windowEnd',
      'records[2].windowStart',
      'records[2].windowEnd',
      'records[3].steps',
      'records[4].episodes.completed',
      'records[5].windowStart',
      'records[5].windowEnd',
    ]);
    expect(issues[0]?.message).toMatch(/ahead of the server's clock/);
    expect(issues.find((i) => i.path === 'records[3].steps')?.message).toMatch(/≤ 10001/);
  });

  it('accepts each bound exactly and refuses one past it', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const oldest = now - 30 * 86_400_000;
    const newest = now + 300_000;
    const paths = (r: TelemetryRecord) => checkTelemetryBounds([r], bounds).map((i) => i.path);
    // window start at the retention's edge, and 1 ms before it
    expect(paths(record({ windowStart: iso(oldest), windowEnd: iso(oldest + 10_000) }))).toEqual([]);
    expect(paths(record({ windowStart: iso(oldest - 1), windowEnd: iso(oldest + 10_000) }))).toEqual([
      'records[0].windowStart',
    ]);
    // window end at the clock skew's edge, and 1 ms after it
    expect(paths(record({ windowStart: iso(newest - 10_000), windowEnd: iso(newest) }))).toEqual([]);
    expect(paths(record({ windowStart: iso(newest - 10_000), windowEnd: iso(newest + 1) }))).toEqual([
      'records[0].windowEnd',
    ]);
    // a window of exactly a day, and one of a day and a second (steps within the rate either way)
    const dayStart = now - 2 * 86_400_000;
    expect(paths(record({ windowStart: iso(dayStart), windowEnd: iso(dayStart + 86_400_000) }))).toEqual([]);
    expect(paths(record({ windowStart: iso(dayStart), windowEnd: iso(dayStart + 86_401_000) }))).toEqual([
      'records[0].windowEnd',
    ]);
    // steps: ⌈10 s · 1000/s⌉ + 1 = 10001 is the most a 10 s window holds
    expect(paths(record({ steps: 10_001 }))).toEqual([]);
    expect(paths(record({ steps: 10_002 }))).toEqual(['records[0].steps']);
    // a zero-length window holds one step; one ending before it starts counts as zero-length
    const at = iso(now - 60_000);
    expect(
      paths(record({ windowStart: at, windowEnd: at, steps: 1, episodes: { completed: 1, succeeded: 0 } })),
    ).toEqual([]);
    expect(
      paths(record({ windowStart: at, windowEnd: at, steps: 2, episodes: { completed: 1, succeeded: 0 } })),
    ).toEqual(['records[0].steps']);
    // completed episodes: as many as steps, and one more
    expect(paths(record({ steps: 4, episodes: { completed: 4, succeeded: 0 } }))).toEqual([]);
    expect(paths(record({ steps: 4, episodes: { completed: 5, succeeded: 0 } }))).toEqual([
      'records[0].episodes.completed',
    ]);
  });

  it('names every issue of a record failing several bounds, with the same messages', () => {
    const issues = checkTelemetryBounds(
      [
        record({
          windowStart: '2026-10-01T00:00:00Z',
          windowEnd: '2026-12-02T00:00:00Z',
          steps: 10,
          episodes: { completed: 11, succeeded: 0 },
        }),
      ],
      bounds,
    );
    expect(issues).toEqual([
      {
        path: 'records[0].windowStart',
        message: 'is more than 30 days ago (the retention); such a window is not stored',
      },
      {
        path: 'records[0].windowEnd',
        message:
          "is more than 300 s ahead of the server's clock (2026-12-01T12:00:00.000Z); check the robot's clock",
      },
      { path: 'records[0].windowEnd', message: 'makes a window longer than 86400 s' },
      {
        path: 'records[0].episodes.completed',
        message: 'must be ≤ steps (an episode takes a step at least)',
      },
    ]);
  });
});
