import { computeKvCacheBytes, computeStateBytes, type PersistMode, type TelemetryRecord } from '@aura/core';
import type { DeviceWearReading } from '../device-wear/read-device-wear.js';
import type { RuntimeWindow } from '../runtime/agent-runtime.js';

export interface TelemetryWindowInput {
  windowStart: Date;
  windowEnd: Date;
  window: RuntimeWindow;
  /** steps since the state was created (persisted across restarts when persistence is on) */
  totalSteps: number;
  tau: number;
  /** the applied config's policy version; undefined before the first config */
  policyVersionId: string | undefined;
  dims: { dKey: number; dVal: number };
  /** host bytes the agent has written to flash so far (page-rounded) */
  flashBytesWritten: number;
  /** estimated fraction of rated endurance used */
  wearFraction: number;
  deviceWear?: DeviceWearReading;
  /** the persistence mode the state store runs with */
  persistMode?: PersistMode;
}

/** One telemetry record (DESIGN.md §5) without its seq; the outbox assigns the seq. */
export function buildTelemetryRecord(input: TelemetryWindowInput): Omit<TelemetryRecord, 'seq'> {
  const { window } = input;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    windowStart: input.windowStart.toISOString(),
    windowEnd: input.windowEnd.toISOString(),
    steps: window.steps,
    writes: window.writes,
    tau: input.tau,
    ...(input.policyVersionId ? { policyVersionId: input.policyVersionId } : {}),
    stateBytes: computeStateBytes(input.dims),
    kvEquivalentBytes: computeKvCacheBytes(input.totalSteps, input.dims),
    flashBytesWritten: Math.round(input.flashBytesWritten),
    wearFraction: Math.min(1, Math.max(0, input.wearFraction)),
    ...(input.deviceWear ? { deviceWear: { ...input.deviceWear } } : {}),
    ...(input.persistMode ? { persistMode: input.persistMode } : {}),
    episodes: { completed: window.episodesCompleted, succeeded: window.episodesSucceeded },
    stepLatencyUs: { p50: round(window.stepLatencyUs.p50), p99: round(window.stepLatencyUs.p99) },
  };
}
