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
});
