import { describe, expect, it } from 'vitest';
import { inferPersistMode, measureRobotWear, type RobotTelemetryWindow } from './measure-robot-wear.js';

const t0 = Date.parse('2026-12-01T00:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

/** 2 hours of 10 s windows at 10 Hz: 72,000 steps, 1 GB written, wear 0.100 → 0.101. */
function window(over: Partial<RobotTelemetryWindow> = {}): RobotTelemetryWindow {
  return {
    firstWindowStart: at(0),
    firstWindowEnd: at(10 / 60),
    lastWindowEnd: at(120),
    records: 720,
    steps: 72_000,
    writes: 16_000,
    episodesCompleted: 2000,
    episodesSucceeded: 1400,
    flashBytesFirst: 5e9,
    flashBytesLast: 6e9,
    wearFirst: 0.1,
    wearLast: 0.101,
    ...over,
  };
}

describe('measureRobotWear', () => {
  it('takes the rate and remaining endurance from the agent’s estimate without a device reading', () => {
    const m = measureRobotWear(window());
    if (!m.ok) throw new Error(m.reason);
    const deltaDays = (120 - 10 / 60) / 1440;
    expect(m.wear.wearSource).toBe('estimate');
    // counted at 1.5× (the profile's write amplification may be optimistic)
    expect(m.wear.wearPerDay).toBeCloseTo((1.5 * 0.001) / deltaDays, 9);
    expect(m.wear.remaining).toBeCloseTo(1 - 1.5 * 0.101, 12);
    expect(m.wear.stepsPerSecond).toBeCloseTo(72_000 / 7200, 9);
    expect(m.wear.writesPerStep).toBeCloseTo(16_000 / 72_000, 12);
    expect(m.wear.successRate).toBeCloseTo(0.7, 12);
    // wear per byte is the device profile's 1 / rated host bytes (0.001 per 1e9 bytes) × 1.5
    expect(m.wear.wearPerHostByte).toBeCloseTo(1.5e-12, 20);
    expect(m.wear.notes.join()).toMatch(/no device wear/);
    const plain = measureRobotWear(window(), { estimateAllowance: 1 });
    expect(plain.ok && plain.wear.wearPerDay).toBeCloseTo(0.001 / deltaDays, 9);
  });

  it('uses the device’s own rate once its reading moved by three of its steps', () => {
    const m = measureRobotWear(
      window({
        device: {
          source: 'nvme.percentage_used',
          firstValue: 0.2,
          firstAt: at(0),
          lastValue: 0.24,
          lastAt: at(120),
        },
      }),
    );
    if (!m.ok) throw new Error(m.reason);
    expect(m.wear.wearSource).toBe('device');
    expect(m.wear.wearPerDay).toBeCloseTo(0.04 / (120 / 1440), 9);
    expect(m.wear.remaining).toBeCloseTo(0.76, 12);
    expect(m.wear.wearPerHostByte).toBeCloseTo(m.wear.wearPerDay / (m.wear.hostBytesPerSecond * 86_400), 20);
  });

  it('keeps the estimate’s rate when the device reading is too coarse, and the device’s remaining endurance', () => {
    const m = measureRobotWear(
      window({
        device: {
          source: 'emmc.life_time_b',
          firstValue: 0.3,
          firstAt: at(0),
          lastValue: 0.4,
          lastAt: at(120),
        },
      }),
    );
    if (!m.ok) throw new Error(m.reason);
    expect(m.wear.wearSource).toBe('estimate');
    expect(m.wear.remaining).toBeCloseTo(0.6, 12);
    expect(m.wear.wearPerDay).toBeCloseTo((1.5 * 0.001) / ((120 - 10 / 60) / 1440), 9);
    expect(m.wear.deviceSource).toBe('emmc.life_time_b');
    expect(m.wear.notes.join()).toMatch(/too coarse/);
  });

  it('calibrates the estimate’s rate by the device over the robot’s history', () => {
    const m = measureRobotWear(
      window({
        device: {
          source: 'emmc.life_time_b',
          firstValue: 0.4,
          firstAt: at(0),
          lastValue: 0.4,
          lastAt: at(120),
          history: { deviceGrowth: 0.3, estimateGrowth: 0.2 },
        },
      }),
    );
    if (!m.ok) throw new Error(m.reason);
    const deltaDays = (120 - 10 / 60) / 1440;
    expect(m.wear.wearSource).toBe('device-calibrated');
    expect(m.wear.wearPerDay).toBeCloseTo((0.001 / deltaDays) * 1.5, 9);
    expect(m.wear.remaining).toBeCloseTo(0.6, 12);
    // one band of history is not enough
    const thin = measureRobotWear(
      window({
        device: {
          source: 'emmc.life_time_b',
          firstValue: 0.4,
          firstAt: at(0),
          lastValue: 0.4,
          lastAt: at(120),
          history: { deviceGrowth: 0.1, estimateGrowth: 0.05 },
        },
      }),
    );
    expect(thin.ok && thin.wear.wearSource).toBe('estimate');
  });

  it('refuses windows it cannot measure, naming why', () => {
    const cases: [Partial<RobotTelemetryWindow>, RegExp][] = [
      [{ records: 1 }, /1 telemetry record/],
      [{ lastWindowEnd: at(30) }, /spans 30\.0 min; 60 min needed/],
      [{ steps: 500 }, /500 steps .* 1000 needed/],
      [{ flashBytesLast: 4e9 }, /went backwards/],
      [{ flashBytesFirst: 0, flashBytesLast: 0, wearFirst: 0, wearLast: 0 }, /no flash bytes/],
    ];
    for (const [over, reason] of cases) {
      const m = measureRobotWear(window(over));
      expect(m.ok).toBe(false);
      if (!m.ok) expect(m.reason).toMatch(reason);
    }
    expect(measureRobotWear(window({ lastWindowEnd: at(30) }), { minSpanMinutes: 20 }).ok).toBe(true);
  });
});

describe('inferPersistMode', () => {
  const bpw = { snapshot: 8192, 'delta-log': 4632.5 };
  const at = (bytesPerStateWrite: number) =>
    inferPersistMode(
      {
        stepsPerSecond: 10,
        writesPerStep: 0.2,
        episodesPerStep: 0.03,
        hostBytesPerSecond: 10 * 0.23 * bytesPerStateWrite,
      },
      bpw,
    );
  it('names the mode whose bytes per write are nearest, none below a third of delta-log’s', () => {
    expect(at(8192 + 400)).toBe('snapshot');
    expect(at(4632 + 300)).toBe('delta-log');
    expect(at(900)).toBe('none');
    expect(
      inferPersistMode(
        { stepsPerSecond: 10, writesPerStep: 0, episodesPerStep: 0, hostBytesPerSecond: 5 },
        bpw,
      ),
    ).toBeNull();
  });
});
