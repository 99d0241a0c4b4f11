/**
 * A robot's measured flash wear over a recent window of its telemetry: the inputs of the flash-life
 * autopilot (docs/autopilot.md). Pure; the API's repository supplies the window, the autopilot
 * benchmark a simulated one.
 */

const DAY_MS = 86_400_000;

/** A robot's telemetry records of one window (all under its current setting), summarised. */
export interface RobotTelemetryWindow {
  /** start of the first record's window, end of the first record's window, end of the last record's */
  firstWindowStart: Date;
  firstWindowEnd: Date;
  lastWindowEnd: Date;
  records: number;
  /** sums over the records */
  steps: number;
  writes: number;
  episodesCompleted: number;
  episodesSucceeded: number;
  /** cumulative counters as the first and the last record report them */
  flashBytesFirst: number;
  flashBytesLast: number;
  wearFirst: number;
  wearLast: number;
  /** the device's own wear readings (first and last in the window), when the robot reports any */
  device?: {
    source: string;
    firstValue: number;
    firstAt: Date;
    lastValue: number;
    lastAt: Date;
    /**
     * Over the robot's longer history (any setting): how far the device reading and the agent's
     * estimate each moved. Their ratio calibrates the estimate's rate to the device (its real write
     * amplification), which does not depend on the setting.
     */
    history?: { deviceGrowth: number; estimateGrowth: number } | null;
  } | null;
}

export interface WearEvidence {
  /** minimum span of the window, in minutes (default 60) */
  minSpanMinutes?: number;
  /** minimum steps in the window (default 1,000) */
  minSteps?: number;
  /** factor on the agent's estimate where nothing measured corrects it (default {@link DEFAULT_ESTIMATE_ALLOWANCE}) */
  estimateAllowance?: number;
}

/**
 * The agent's estimate rests on the device profile's write amplification, which small fsync'd writes
 * push above its nominal value (docs/flash-wear.md). Where no device reading corrects it, the
 * autopilot counts the estimate's wear — used so far and per day — as 1.5× what it says: a controller
 * amplifying writes up to 1.5× more than the profile still meets the target.
 */
export const DEFAULT_ESTIMATE_ALLOWANCE = 1.5;

export interface MeasuredWear {
  spanDays: number;
  /** duty-cycle average over the window: steps ÷ elapsed seconds */
  stepsPerSecond: number;
  writesPerStep: number;
  episodesPerStep: number;
  /** observed episode success (null without completed episodes) */
  successRate: number | null;
  /** host bytes the agent wrote to flash per second (page-rounded) */
  hostBytesPerSecond: number;
  /** fraction of rated endurance used per day */
  wearPerDay: number;
  /**
   * `device`: the device's own rate in the window; `device-calibrated`: the agent's estimate × the
   * device's growth ÷ the estimate's over the robot's history; `estimate`: the agent's estimate alone.
   */
  wearSource: 'device' | 'device-calibrated' | 'estimate';
  /** the device reading that set the rate or the remaining endurance */
  deviceSource: string | null;
  /** fraction of rated endurance used now (the device's reading where present) */
  wearNow: number;
  /** 1 − wearNow, never below 0 */
  remaining: number;
  /** wear per host byte: converts predicted bytes into wear */
  wearPerHostByte: number;
  /** one line per judgement made (which source, why) */
  notes: string[];
}

export type WearMeasurement = { ok: true; wear: MeasuredWear } | { ok: false; reason: string };

/**
 * Resolution of each device-wear source (docs/flash-wear.md): eMMC life time moves in 10 % bands,
 * NVMe percentage used in whole percent; NVMe data units written is a fine byte count.
 */
export const DEVICE_WEAR_RESOLUTION: Readonly<Record<string, number>> = {
  'emmc.life_time_a': 0.1,
  'emmc.life_time_b': 0.1,
  'nvme.percentage_used': 0.01,
  'nvme.data_units_written': 0,
};
/** A device rate is trusted once the reading moved by at least this many of its steps. */
export const DEVICE_STEPS_FOR_RATE = 3;

const fmtPct = (x: number) => `${(x * 100).toPrecision(3)} %`;

/**
 * Wear rate and remaining endurance from a telemetry window. The rate is the device's own when it
 * reports one that moved by at least {@link DEVICE_STEPS_FOR_RATE} of its resolution steps in the
 * window (coarser readings would make a rate from one step change); else the agent's estimate (its
 * byte count through the device profile), calibrated by the device where the device moved that far
 * over the robot's history; else the estimate alone, counted at {@link DEFAULT_ESTIMATE_ALLOWANCE}×. The remaining endurance is the device's reading where
 * present, else the estimate's. Refuses windows too short or too thin to measure, naming why.
 */
export function measureRobotWear(window: RobotTelemetryWindow, evidence: WearEvidence = {}): WearMeasurement {
  const minSpanMinutes = evidence.minSpanMinutes ?? 60;
  const minSteps = evidence.minSteps ?? 1000;
  if (window.records < 2) {
    return { ok: false, reason: `${window.records} telemetry record(s) under the current setting; 2 needed` };
  }
  const spanMs = window.lastWindowEnd.getTime() - window.firstWindowStart.getTime();
  const deltaMs = window.lastWindowEnd.getTime() - window.firstWindowEnd.getTime();
  if (spanMs < minSpanMinutes * 60_000 || deltaMs <= 0) {
    return {
      ok: false,
      reason: `telemetry under the current setting spans ${(spanMs / 60_000).toFixed(1)} min; ${minSpanMinutes} min needed`,
    };
  }
  if (window.steps < minSteps) {
    return { ok: false, reason: `${window.steps} steps of telemetry in the window; ${minSteps} needed` };
  }
  const hostBytes = window.flashBytesLast - window.flashBytesFirst;
  const wearGrowth = window.wearLast - window.wearFirst;
  if (hostBytes < 0 || wearGrowth < -1e-15) {
    return {
      ok: false,
      reason: 'flash byte or wear counters went backwards in the window (state directory reset?)',
    };
  }
  const deltaDays = deltaMs / DAY_MS;
  const notes: string[] = [];
  const hostBytesPerSecond = hostBytes / (deltaMs / 1000);
  const estimatePerDay = Math.max(0, wearGrowth) / deltaDays;
  const allowance = evidence.estimateAllowance ?? DEFAULT_ESTIMATE_ALLOWANCE;

  let wearPerDay = estimatePerDay * allowance;
  let wearSource: MeasuredWear['wearSource'] = 'estimate';
  let wearNow = window.wearLast * allowance;
  const device = window.device ?? null;
  if (device) {
    wearNow = device.lastValue;
    const resolution = DEVICE_WEAR_RESOLUTION[device.source] ?? 0.01;
    const moved = device.lastValue - device.firstValue;
    const deviceDays = (device.lastAt.getTime() - device.firstAt.getTime()) / DAY_MS;
    const history = device.history;
    const step = DEVICE_STEPS_FOR_RATE * resolution;
    if (deviceDays > 0 && moved > 0 && moved + 1e-12 >= step) {
      wearPerDay = moved / deviceDays;
      wearSource = 'device';
      notes.push(`wear rate from ${device.source}: ${fmtPct(moved)} over ${deviceDays.toFixed(1)} days`);
    } else if (
      history &&
      history.estimateGrowth > 0 &&
      history.deviceGrowth + 1e-12 >= Math.max(step, 1e-9)
    ) {
      const factor = history.deviceGrowth / history.estimateGrowth;
      wearPerDay = estimatePerDay * factor;
      wearSource = 'device-calibrated';
      notes.push(
        `wear rate: the agent’s estimate × ${factor.toFixed(2)} (${device.source} moved ${fmtPct(history.deviceGrowth)} ` +
          `while the estimate moved ${fmtPct(history.estimateGrowth)}); remaining endurance from the device`,
      );
    } else {
      notes.push(
        `${device.source} moved ${fmtPct(Math.max(0, moved))} in the window (steps of ${fmtPct(resolution || 0.01)}): ` +
          `too coarse for a rate; rate from the agent’s estimate × ${allowance}, remaining endurance from the device`,
      );
    }
  } else {
    notes.push(
      `no device wear reported: rate and wear so far from the agent’s estimate × ${allowance} (write amplification may exceed the profile’s)`,
    );
  }

  let wearPerHostByte: number;
  if (hostBytes > 0) {
    wearPerHostByte = wearPerDay / (hostBytesPerSecond * 86_400);
  } else if (window.flashBytesLast > 0 && window.wearLast > 0) {
    // nothing written in the window: the estimate's own ratio converts bytes into wear
    wearPerHostByte = (window.wearLast / window.flashBytesLast) * (wearSource === 'estimate' ? allowance : 1);
  } else {
    return { ok: false, reason: 'no flash bytes written yet: nothing to convert bytes into wear' };
  }
  if (wearPerDay === 0 && hostBytes > 0) notes.push('the wear counter did not move in the window');

  return {
    ok: true,
    wear: {
      spanDays: spanMs / DAY_MS,
      stepsPerSecond: window.steps / (spanMs / 1000),
      writesPerStep: window.writes / window.steps,
      episodesPerStep: window.episodesCompleted / window.steps,
      successRate: window.episodesCompleted > 0 ? window.episodesSucceeded / window.episodesCompleted : null,
      hostBytesPerSecond,
      wearPerDay,
      wearSource,
      deviceSource: device?.source ?? null,
      wearNow,
      remaining: Math.max(0, 1 - wearNow),
      wearPerHostByte,
      notes,
    },
  };
}

/**
 * The persistence mode a robot's bytes suggest, for agents that do not report theirs: host bytes per
 * state write (gate writes and episode resets) against the curve's bytes per write of each mode
 * (nearest on a log scale); less than a third of delta-log's is `none`. Null without state writes.
 */
export function inferPersistMode(
  wear: Pick<MeasuredWear, 'hostBytesPerSecond' | 'stepsPerSecond' | 'writesPerStep' | 'episodesPerStep'>,
  bytesPerWrite: { snapshot: number; 'delta-log': number },
): 'none' | 'snapshot' | 'delta-log' | null {
  const stateWritesPerStep = wear.writesPerStep + wear.episodesPerStep;
  if (!(wear.stepsPerSecond > 0) || !(stateWritesPerStep > 0)) return null;
  const perWrite = wear.hostBytesPerSecond / wear.stepsPerSecond / stateWritesPerStep;
  if (perWrite < bytesPerWrite['delta-log'] / 3) return 'none';
  const distance = (b: number) => Math.abs(Math.log(perWrite / b));
  return distance(bytesPerWrite.snapshot) <= distance(bytesPerWrite['delta-log']) ? 'snapshot' : 'delta-log';
}
