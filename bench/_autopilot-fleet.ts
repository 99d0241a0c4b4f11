/**
 * The simulated fleet of `pnpm bench autopilot`: robots of mixed hardware, persistence modes, control
 * rates and duty cycles, whose flash wears day by day under core's wear model and the model's τ curve.
 * The "truth" here deliberately differs from what the autopilot can measure: each robot's controller
 * amplifies writes more or less than its device profile assumes, each robot writes more or less than
 * the curve's task, a quarter of the robots change their duty cycle once, and the devices report wear
 * in coarse steps (eMMC 10 % bands, NVMe whole percent) or not at all.
 */
import {
  computeRatedHostBytes,
  createRng,
  type DeviceProfile,
  DeviceProfileSchema,
  type PersistMode,
  predictAtTau,
  type TauCurve,
} from '@aura/core';

export interface Hardware {
  name: string;
  profile: DeviceProfile;
  /** device wear the robot reports, with the reading's step */
  device: { source: string; step: number } | null;
  share: number;
}

/** Typical robot-computer storage (datasheet-style figures, not any one vendor's). */
export const HARDWARE: Hardware[] = [
  {
    name: 'nvme-256g',
    profile: DeviceProfileSchema.parse({
      kind: 'nvme',
      capacityBytes: 256e9,
      tbwBytes: 150e12,
      writeAmplification: 1.5,
    }),
    device: { source: 'nvme.percentage_used', step: 0.01 },
    share: 0.2,
  },
  {
    name: 'emmc-32g-tlc',
    profile: DeviceProfileSchema.parse({
      kind: 'emmc',
      capacityBytes: 32e9,
      ratedPeCycles: 3000,
      writeAmplification: 2,
    }),
    device: { source: 'emmc.life_time_b', step: 0.1 },
    share: 0.2,
  },
  {
    name: 'emmc-16g-mlc',
    profile: DeviceProfileSchema.parse({
      kind: 'emmc',
      capacityBytes: 16e9,
      ratedPeCycles: 3000,
      writeAmplification: 2.5,
    }),
    device: { source: 'emmc.life_time_b', step: 0.1 },
    share: 0.15,
  },
  {
    name: 'emmc-8g-low',
    profile: DeviceProfileSchema.parse({
      kind: 'emmc',
      capacityBytes: 8e9,
      ratedPeCycles: 1000,
      writeAmplification: 3,
    }),
    device: null,
    share: 0.15,
  },
  {
    name: 'emmc-4g-low',
    profile: DeviceProfileSchema.parse({
      kind: 'emmc',
      capacityBytes: 4e9,
      ratedPeCycles: 1000,
      writeAmplification: 3,
    }),
    device: null,
    share: 0.1,
  },
  {
    name: 'sd-32g',
    profile: DeviceProfileSchema.parse({
      kind: 'sd',
      capacityBytes: 32e9,
      ratedPeCycles: 500,
      writeAmplification: 4,
    }),
    device: null,
    share: 0.1,
  },
  {
    name: 'sd-16g',
    profile: DeviceProfileSchema.parse({
      kind: 'sd',
      capacityBytes: 16e9,
      ratedPeCycles: 300,
      writeAmplification: 4,
    }),
    device: null,
    share: 0.1,
  },
];

export interface FleetRobot {
  id: string;
  hardware: Hardware;
  /** host bytes the device is rated for, as the agent's profile says / as the device really takes */
  profileRatedBytes: number;
  trueRatedBytes: number;
  hz: number;
  /** active hours per day before and after the duty change */
  hours: number;
  dutyChange: { day: number; hours: number } | null;
  /** how many times the curve's writes per step this robot's work produces */
  writeScale: number;
  /** this robot's success minus the curve's (its work is easier or harder) */
  successOffset: number;
  initialMode: PersistMode;
  initialWear: number;
}

const pick = <T extends { share: number }>(items: T[], u: number): T => {
  let acc = 0;
  for (const item of items) {
    acc += item.share;
    if (u < acc) return item;
  }
  return items[items.length - 1]!;
};

export function createFleet(n: number, seed: number, days: number): FleetRobot[] {
  const rng = createRng(seed);
  const robots: FleetRobot[] = [];
  for (let i = 0; i < n; i++) {
    const hardware = pick(HARDWARE, rng.next());
    const profileRatedBytes = computeRatedHostBytes(hardware.profile);
    // the controller's real write amplification vs the profile's: lognormal, σ 0.25
    const wafFactor = Math.exp(0.25 * rng.normal());
    const hz = pick(
      [
        { v: 10, share: 0.5 },
        { v: 20, share: 0.25 },
        { v: 30, share: 0.15 },
        { v: 50, share: 0.1 },
      ],
      rng.next(),
    ).v;
    const hours = 6 + rng.next() * 18;
    const changes = rng.next() < 0.25;
    const changeDay = Math.floor(rng.next() * days);
    const changeHours = Math.min(24, Math.max(2, hours * Math.exp(0.5 * rng.normal())));
    const used = rng.next() < 0.3;
    const usedWear = rng.next();
    const initialMode = pick(
      [
        { v: 'snapshot' as const, share: 0.5 },
        { v: 'delta-log' as const, share: 0.4 },
        { v: 'none' as const, share: 0.1 },
      ],
      rng.next(),
    ).v;
    robots.push({
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      hardware,
      profileRatedBytes,
      trueRatedBytes: profileRatedBytes / wafFactor,
      hz,
      hours,
      dutyChange: changes ? { day: changeDay, hours: changeHours } : null,
      writeScale: Math.exp(0.2 * rng.normal()),
      successOffset: 0.03 * rng.normal(),
      initialMode,
      // used devices only where the device reports its wear: the agent's own estimate starts at 0 with
      // its state directory and cannot know what an unreporting device went through before
      initialWear: used && hardware.device ? 0.05 + 0.25 * usedWear : 0,
    });
  }
  return robots;
}

/** Outbox and config files: one 4 KiB page per 10 s telemetry window while the robot runs. */
export const OVERHEAD_BYTES_PER_ACTIVE_SECOND = 4096 / 10;
export const EPISODE_STEPS = 36;

export interface RobotDay {
  steps: number;
  writes: number;
  episodes: number;
  succeeded: number;
  hostBytes: number;
}

/** One day of a robot at (τ, mode): what it did and what it wrote to flash. */
export function simulateDay(
  curve: TauCurve,
  robot: FleetRobot,
  day: number,
  tau: number,
  mode: PersistMode,
  noise: () => number,
): RobotDay {
  const hours = robot.dutyChange && day >= robot.dutyChange.day ? robot.dutyChange.hours : robot.hours;
  const active = hours * 3600;
  const steps = robot.hz * active;
  const at = predictAtTau(curve, tau);
  const writesPerStep = Math.min(1, at.writesPerStep.mean * robot.writeScale * (1 + 0.05 * noise()));
  const episodes = steps / EPISODE_STEPS;
  const bpw = curve.assumptions.bytesPerWrite[mode];
  const reset = mode === 'none' ? 0 : curve.assumptions.bytesPerWrite.snapshot;
  const success = Math.min(1, Math.max(0, at.successRate.mean + robot.successOffset + 0.01 * noise()));
  return {
    steps,
    writes: steps * writesPerStep,
    episodes,
    succeeded: episodes * success,
    hostBytes: steps * writesPerStep * bpw + episodes * reset + active * OVERHEAD_BYTES_PER_ACTIVE_SECOND,
  };
}

/** A device's reading of true wear: the upper end of its step (eMMC life time, NVMe percentage used). */
export function deviceReading(robot: FleetRobot, trueWear: number): number | null {
  const device = robot.hardware.device;
  if (!device) return null;
  return Math.min(2.55, Math.ceil(trueWear / device.step - 1e-9) * device.step);
}
