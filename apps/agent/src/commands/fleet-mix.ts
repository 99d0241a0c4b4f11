import type { DeviceProfileInput, PersistMode } from '@aura/core';

/**
 * A simulated robot's hardware and duty: its flash device, the persistence mode its state store runs
 * with, how fast it steps relative to the fleet's base rate, and the share of time it works.
 */
export interface FleetVariant {
  /** short name, used as the robot's hardware tag (`hw.<name>`) by the demo */
  hardware: string;
  device: DeviceProfileInput;
  persistence: PersistMode;
  /** steps per round of the simulator (its control rate is this × `--hz`) */
  rateMultiplier: number;
  /** share of rounds the robot steps in (1 = always working) */
  duty: number;
}

/**
 * Hardware a mixed fleet runs on (docs/agent.md, "Simulated fleets"): parts and endurance ratings are
 * typical of their class, not of one product. Small eMMC parts and SD cards with low P/E ratings and
 * high write amplification wear out in months to a few years under snapshot persistence; NVMe lasts
 * decades. Listed in the order robots take them, cycling.
 */
export const FLEET_HARDWARE_MIX: readonly Omit<FleetVariant, 'rateMultiplier' | 'duty'>[] = [
  {
    hardware: 'emmc-32g',
    device: { kind: 'emmc', capacityBytes: 32_000_000_000, ratedPeCycles: 3000, writeAmplification: 2 },
    persistence: 'delta-log',
  },
  {
    hardware: 'nvme-256g',
    device: { kind: 'nvme', capacityBytes: 256_000_000_000, ratedPeCycles: 3000, writeAmplification: 1.5 },
    persistence: 'snapshot',
  },
  {
    hardware: 'emmc-8g',
    device: { kind: 'emmc', capacityBytes: 8_000_000_000, ratedPeCycles: 1000, writeAmplification: 4 },
    persistence: 'snapshot',
  },
  {
    hardware: 'sd-16g',
    device: { kind: 'sd', capacityBytes: 16_000_000_000, ratedPeCycles: 500, writeAmplification: 8 },
    persistence: 'snapshot',
  },
  {
    hardware: 'emmc-16g',
    device: { kind: 'emmc', capacityBytes: 16_000_000_000, ratedPeCycles: 1000, writeAmplification: 3 },
    persistence: 'delta-log',
  },
  {
    hardware: 'sd-32g',
    device: { kind: 'sd', capacityBytes: 32_000_000_000, ratedPeCycles: 1000, writeAmplification: 6 },
    persistence: 'delta-log',
  },
];

/** Rate multipliers and duty shares, cycled on periods coprime with the hardware list's. */
const RATE_MULTIPLIERS = [1, 3, 2, 1, 4] as const;
const DUTIES = [1, 0.5, 0.75, 1, 0.25, 0.75, 1] as const;

/** Robot `index`'s variant in a mixed fleet: deterministic, so a restarted simulator keeps it. */
export function fleetVariant(index: number): FleetVariant {
  const hardware = FLEET_HARDWARE_MIX[index % FLEET_HARDWARE_MIX.length];
  if (!hardware) throw new RangeError('the hardware mix is empty');
  return {
    ...hardware,
    rateMultiplier: RATE_MULTIPLIERS[index % RATE_MULTIPLIERS.length] ?? 1,
    duty: DUTIES[index % DUTIES.length] ?? 1,
  };
}

/**
 * How many steps a robot takes in `round`: its rate multiplier in the rounds its duty share covers,
 * none in the others. Work and rest come in blocks of 100 rounds (10 s at 10 Hz), so the robot's
 * telemetry windows see it working and idle, as a robot on shifts would.
 */
export function stepsInRound(
  variant: Pick<FleetVariant, 'rateMultiplier' | 'duty'>,
  round: number,
  phase = 0,
) {
  const position = (round + phase) % 100;
  return position < Math.round(variant.duty * 100) ? variant.rateMultiplier : 0;
}
