import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computeWearFraction, type DeviceProfile } from '@aura/core';

/** One wear measurement taken from the device itself, with where it came from. */
export interface DeviceWearReading {
  /** e.g. `emmc.life_time_b`, `emmc.pre_eol_info`, `nvme.percentage_used`, `nvme.data_units_written` */
  source: string;
  /** fraction of rated endurance used (see docs/flash-wear.md for each source's meaning); ≤ 2.55 */
  value: number;
}

export interface DeviceWearSources {
  /** eMMC device directory in sysfs, e.g. `/sys/block/mmcblk0/device` (holds `life_time`, `pre_eol_info`) */
  emmcSysfsDir?: string;
  /** NVMe SMART log: output of `nvme smart-log -o json` or its plain-text form, saved to a file */
  nvmeSmartLogFile?: string;
}

/** NVMe data unit: 1,000 × 512 bytes. */
export const NVME_DATA_UNIT_BYTES = 512_000;
const MAX_VALUE = 2.55;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function hex(token: string | undefined): number | undefined {
  if (!token) return undefined;
  const n = Number.parseInt(token, 16);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * eMMC ≥ 5.0 `life_time`: two hex bytes, type A (SLC area) and type B (MLC area); 0x01 = 0–10 % used
 * … 0x0A = 90–100 %, 0x0B = exceeded, 0x00 = not reported. Reported as the upper bound of the band
 * (0x03 → 0.3, 0x0B → 1.1), for the more worn of the two areas.
 */
export function readEmmcLifeTime(dir: string): DeviceWearReading | undefined {
  const text = readText(path.join(dir, 'life_time'));
  if (text === undefined) return undefined;
  const [a, b] = text.trim().split(/\s+/).map(hex);
  const readings: DeviceWearReading[] = [];
  if (a !== undefined && a >= 1 && a <= 0x0b) readings.push({ source: 'emmc.life_time_a', value: a / 10 });
  if (b !== undefined && b >= 1 && b <= 0x0b) readings.push({ source: 'emmc.life_time_b', value: b / 10 });
  return readings.sort((x, y) => y.value - x.value)[0];
}

/**
 * eMMC `pre_eol_info`: 0x01 normal, 0x02 warning (80 % of reserved blocks consumed), 0x03 urgent
 * (90 %). Reported as the lower bound of reserved blocks consumed: 0, 0.8 or 0.9.
 */
export function readEmmcPreEol(dir: string): DeviceWearReading | undefined {
  const text = readText(path.join(dir, 'pre_eol_info'));
  const v = hex(text?.trim());
  const map: Record<number, number> = { 1: 0, 2: 0.8, 3: 0.9 };
  if (v === undefined || map[v] === undefined) return undefined;
  return { source: 'emmc.pre_eol_info', value: map[v] };
}

function parseSmartLog(text: string): { percentageUsed?: number; dataUnitsWritten?: number } {
  const num = (x: unknown): number | undefined => {
    if (typeof x === 'number' && Number.isFinite(x)) return x;
    if (typeof x === 'string') {
      const n = Number(x.replace(/[,%\s]/g, ''));
      return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
  };
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return {
      percentageUsed: num(json.percent_used ?? json.percentage_used),
      dataUnitsWritten: num(json.data_units_written),
    };
  } catch {
    // plain text: "percentage_used : 3%", "data_units_written : 1,234,567 (632.10 GB)"
    const field = (name: string) => {
      const m = new RegExp(`^\\s*${name}\\s*:\\s*([0-9][0-9,]*)`, 'mi').exec(text);
      return m ? num(m[1]) : undefined;
    };
    return { percentageUsed: field('percent(?:age)?_used'), dataUnitsWritten: field('data_units_written') };
  }
}

/** NVMe `percentage_used` (vendor estimate, 100 = rated endurance used, may exceed 100, cap 255). */
export function readNvmePercentageUsed(file: string): DeviceWearReading | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const { percentageUsed } = parseSmartLog(text);
  if (percentageUsed === undefined || percentageUsed < 0) return undefined;
  return { source: 'nvme.percentage_used', value: Math.min(MAX_VALUE, percentageUsed / 100) };
}

/**
 * NVMe `data_units_written` (units of 512,000 bytes) converted to a wear fraction with the device
 * profile: the device's own count of host bytes, our rating.
 */
export function readNvmeDataUnitsWritten(
  file: string,
  profile: DeviceProfile,
): DeviceWearReading | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const { dataUnitsWritten } = parseSmartLog(text);
  if (dataUnitsWritten === undefined || dataUnitsWritten < 0) return undefined;
  const value = computeWearFraction(dataUnitsWritten * NVME_DATA_UNIT_BYTES, profile);
  return { source: 'nvme.data_units_written', value: Math.min(MAX_VALUE, value) };
}

/** Every reading the host exposes; an absent or unreadable source is skipped, never an error. */
export function readAllDeviceWear(sources: DeviceWearSources, profile: DeviceProfile): DeviceWearReading[] {
  const out: (DeviceWearReading | undefined)[] = [];
  if (sources.nvmeSmartLogFile) {
    out.push(readNvmePercentageUsed(sources.nvmeSmartLogFile));
    out.push(readNvmeDataUnitsWritten(sources.nvmeSmartLogFile, profile));
  }
  if (sources.emmcSysfsDir) {
    out.push(readEmmcLifeTime(sources.emmcSysfsDir));
    out.push(readEmmcPreEol(sources.emmcSysfsDir));
  }
  return out.filter((r): r is DeviceWearReading => r !== undefined);
}

/**
 * The one reading telemetry carries: the device's own endurance estimate first (NVMe percentage
 * used, eMMC life time), then NVMe bytes written against the profile; undefined when none exists.
 */
export function readDeviceWear(
  sources: DeviceWearSources,
  profile: DeviceProfile,
): DeviceWearReading | undefined {
  const all = readAllDeviceWear(sources, profile);
  const order = ['nvme.percentage_used', 'emmc.life_time', 'nvme.data_units_written'];
  for (const prefix of order) {
    const hit = all.find((r) => r.source.startsWith(prefix));
    if (hit) return hit;
  }
  return undefined;
}
