import { parseIsoDateTime } from './parse-iso-date-time.js';
import type { TelemetryRecord } from './wire-contract.js';

/** What the control plane accepts beyond the record schema (docs/api.md, "Telemetry bounds"). */
export interface TelemetryBounds {
  /** the server's clock, ms since the epoch */
  now: number;
  /** windows starting before now − retention are refused (they would be dropped anyway) */
  retentionDays: number;
  /** windows ending after now + skew are refused (a robot's clock may run this far ahead) */
  maxClockSkewSeconds: number;
  /** the fastest control loop a robot runs: a window of s seconds holds at most ⌈s·rate⌉ + 1 steps */
  maxStepRateHz: number;
}

/** The longest window a record may cover. */
export const MAX_TELEMETRY_WINDOW_SECONDS = 86_400;

/**
 * Problems with a batch's records that the schema alone cannot see, each naming its field: windows
 * outside [now − retention, now + clock skew] (a year-3000 window would need a partition of its own;
 * a year-0000 one cannot be stored at all), windows longer than a day, more steps than the window's
 * length allows at the fastest step rate, and more completed episodes than steps. One robot's
 * telemetry so cannot claim a billion steps to swing a rollout's health gate on its own.
 */
export function checkTelemetryBounds(
  records: readonly TelemetryRecord[],
  bounds: TelemetryBounds,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const oldest = bounds.now - bounds.retentionDays * 86_400_000;
  const newest = bounds.now + bounds.maxClockSkewSeconds * 1000;
  // One pass, no allocation for a record within every bound (every record of an honest batch): the
  // comparisons are the issues' conditions negated (NaN fails them), and a record that fails any is
  // checked again below, condition by condition, to name each field.
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const start = parseIsoDateTime(record.windowStart);
    const end = parseIsoDateTime(record.windowEnd);
    const seconds = Math.max(0, (end - start) / 1000);
    if (
      start >= oldest &&
      end <= newest &&
      seconds <= MAX_TELEMETRY_WINDOW_SECONDS &&
      record.steps <= Math.ceil(seconds * bounds.maxStepRateHz) + 1 &&
      record.episodes.completed <= record.steps
    ) {
      continue;
    }
    recordIssues(issues, index, record, start, end, seconds, bounds);
  }
  return issues;
}

/** The issues of one record that failed a bound, in field order. */
function recordIssues(
  issues: { path: string; message: string }[],
  index: number,
  record: TelemetryRecord,
  start: number,
  end: number,
  seconds: number,
  bounds: TelemetryBounds,
) {
  const at = (field: string) => `records[${index}].${field}`;
  if (start < bounds.now - bounds.retentionDays * 86_400_000) {
    issues.push({
      path: at('windowStart'),
      message: `is more than ${bounds.retentionDays} days ago (the retention); such a window is not stored`,
    });
  }
  if (end > bounds.now + bounds.maxClockSkewSeconds * 1000) {
    issues.push({
      path: at('windowEnd'),
      message: `is more than ${bounds.maxClockSkewSeconds} s ahead of the server's clock (${new Date(bounds.now).toISOString()}); check the robot's clock`,
    });
  }
  if (seconds > MAX_TELEMETRY_WINDOW_SECONDS) {
    issues.push({
      path: at('windowEnd'),
      message: `makes a window longer than ${MAX_TELEMETRY_WINDOW_SECONDS} s`,
    });
  }
  const maxSteps = Math.ceil(seconds * bounds.maxStepRateHz) + 1;
  if (record.steps > maxSteps) {
    issues.push({
      path: at('steps'),
      message: `must be ≤ ${maxSteps}: a ${seconds} s window at most ${bounds.maxStepRateHz} steps/s`,
    });
  }
  if (record.episodes.completed > record.steps) {
    issues.push({
      path: at('episodes.completed'),
      message: 'must be ≤ steps (an episode takes a step at least)',
    });
  }
}
