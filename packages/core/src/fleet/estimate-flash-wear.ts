import { z } from 'zod';
import { FLASH_KINDS } from '../contract/wire-contract.js';

/**
 * Flash-wear model (DESIGN.md §4, docs/flash-wear.md). Pure arithmetic over a device profile:
 * page rounding, flash bytes per memory write for each persistence mode, wear fraction and a
 * projected end of life at the recent rate.
 */

/** Defaults: a 32 GB eMMC with 3,000 P/E cycles, 4 KiB pages and a write-amplification factor of 2. */
export const DEFAULT_DEVICE_PROFILE = {
  kind: 'emmc',
  capacityBytes: 32_000_000_000,
  ratedPeCycles: 3000,
  pageBytes: 4096,
  writeAmplification: 2,
} as const;

const positiveInt = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be > 0')
  .max(Number.MAX_SAFE_INTEGER, 'must be a safe integer');

export const DeviceProfileSchema = z
  .object({
    /** Storage medium, for display. */
    kind: z.enum(FLASH_KINDS).default(DEFAULT_DEVICE_PROFILE.kind),
    /** User-visible capacity in bytes. */
    capacityBytes: positiveInt.default(DEFAULT_DEVICE_PROFILE.capacityBytes),
    /** Rated program/erase cycles per cell (≈3,000 TLC, ≈1,000 QLC and many eMMC parts). */
    ratedPeCycles: positiveInt.default(DEFAULT_DEVICE_PROFILE.ratedPeCycles),
    /** Rated terabytes-written endurance, in host bytes; when given it replaces capacity × P/E ÷ WAF. */
    tbwBytes: positiveInt.optional(),
    /** Flash page (program unit) size in bytes; a write costs at least one page. */
    pageBytes: positiveInt.default(DEFAULT_DEVICE_PROFILE.pageBytes),
    /** Write-amplification factor of the controller (≥ 1; small random writes raise it). */
    writeAmplification: z
      .number({ error: 'must be a number' })
      .min(1, 'must be ≥ 1')
      .max(100, 'must be ≤ 100')
      .default(DEFAULT_DEVICE_PROFILE.writeAmplification),
  })
  .strict();
export type DeviceProfile = z.infer<typeof DeviceProfileSchema>;
export type DeviceProfileInput = z.input<typeof DeviceProfileSchema>;

/** `bytes` rounded up to whole pages (0 stays 0). */
export function roundUpToPages(bytes: number, pageBytes: number): number {
  if (bytes < 0 || !Number.isFinite(bytes)) throw new RangeError('bytes must be a finite number ≥ 0');
  if (!(pageBytes > 0)) throw new RangeError('pageBytes must be > 0');
  return Math.ceil(bytes / pageBytes) * pageBytes;
}

/**
 * Pages a write of `length` bytes at file offset `offset` programs when it is flushed on its own:
 * a partial page is rewritten whole. Assumes the file starts on a page boundary.
 */
export function pagesTouched(offset: number, length: number, pageBytes: number): number {
  if (length <= 0) return 0;
  return Math.floor((offset + length - 1) / pageBytes) - Math.floor(offset / pageBytes) + 1;
}

export type PersistModeName = 'none' | 'snapshot' | 'delta-log';

export interface BytesPerWriteOptions {
  mode: PersistModeName;
  /** AURA state bytes (4,224 at dKey = dVal = 32). */
  stateBytes: number;
  /** Header + checksum bytes a snapshot file adds to the state. */
  snapshotOverheadBytes?: number;
  /** Bytes of one delta-log record, framing included. */
  recordBytes?: number;
  /** Delta-log: bytes of the header a new log starts with (one per checkpoint). */
  logHeaderBytes?: number;
  /** Records per flush (fsync); 1 = every record flushed on its own, as the agent does. */
  recordsPerFlush?: number;
  /** Delta-log: a checkpoint (snapshot + new log) every this many writes; that write is the snapshot. */
  checkpointEvery?: number;
  pageBytes: number;
}

/**
 * Flash bytes one memory write costs, on average, before the controller's write amplification:
 * - `none`: 0;
 * - `snapshot`: the snapshot file (state + overhead) rounded up to pages;
 * - `delta-log`: a flush of `n` records of `r` bytes appended at an arbitrary log offset programs
 *   on average `pageBytes + n·r − 1` bytes (the pages it touches), shared by its `n` records; every
 *   `checkpointEvery`-th write is a snapshot plus a new log header instead of a record.
 */
export function estimateBytesPerWrite(options: BytesPerWriteOptions): number {
  const { mode, stateBytes, pageBytes } = options;
  const snapshot = roundUpToPages(stateBytes + (options.snapshotOverheadBytes ?? 0), pageBytes);
  if (mode === 'none') return 0;
  if (mode === 'snapshot') return snapshot;
  const recordBytes = options.recordBytes ?? 0;
  const perFlush = Math.max(1, options.recordsPerFlush ?? 1);
  const every = Math.max(1, options.checkpointEvery ?? 1);
  const recordCost = recordBytes > 0 ? (pageBytes + perFlush * recordBytes - 1) / perFlush : 0;
  const checkpoint = snapshot + roundUpToPages(options.logHeaderBytes ?? 0, pageBytes);
  return ((every - 1) * recordCost + checkpoint) / every;
}

/**
 * Host bytes the device is rated to absorb: `tbwBytes` when given (a TBW rating is quoted in host
 * bytes, the vendor's write amplification already inside it), else capacity × P/E ÷ WAF.
 */
export function computeRatedHostBytes(profile: DeviceProfile): number {
  if (profile.tbwBytes !== undefined) return profile.tbwBytes;
  return (profile.capacityBytes * profile.ratedPeCycles) / profile.writeAmplification;
}

/**
 * Fraction of rated endurance used by `hostBytes`: hostBytes × WAF ÷ (capacity × P/E), or
 * hostBytes ÷ TBW when a TBW rating is given. Not clamped: > 1 means past the rating.
 */
export function computeWearFraction(hostBytes: number, profile: DeviceProfile): number {
  if (hostBytes < 0 || !Number.isFinite(hostBytes)) throw new RangeError('hostBytes must be ≥ 0');
  return hostBytes / computeRatedHostBytes(profile);
}

export interface FlashWearEstimate {
  hostBytes: number;
  /** host bytes × WAF: what the cells actually absorb */
  flashBytes: number;
  wearFraction: number;
  /** host bytes left before the rating is used up (0 when past it) */
  remainingHostBytes: number;
  /** seconds to end of life at `bytesPerSecond`; Infinity when the rate is 0 */
  secondsToEndOfLife: number;
  /** projected end-of-life date; null when the rate is 0 */
  endOfLife: Date | null;
}

/** Wear so far plus the end of life projected from the recent host write rate. */
export function estimateFlashWear(input: {
  hostBytes: number;
  /** recent host write rate, bytes per second */
  bytesPerSecond: number;
  profile: DeviceProfile;
  now?: Date;
}): FlashWearEstimate {
  const { hostBytes, bytesPerSecond, profile } = input;
  const now = input.now ?? new Date();
  const wearFraction = computeWearFraction(hostBytes, profile);
  const remainingHostBytes = Math.max(0, computeRatedHostBytes(profile) - hostBytes);
  const rate = Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? bytesPerSecond : 0;
  const secondsToEndOfLife = rate === 0 ? Number.POSITIVE_INFINITY : remainingHostBytes / rate;
  const endMs = now.getTime() + secondsToEndOfLife * 1000;
  const endOfLife =
    rate === 0 || !Number.isFinite(endMs) || Math.abs(endMs) > 8.64e15 ? null : new Date(endMs);
  return {
    hostBytes,
    flashBytes: hostBytes * profile.writeAmplification,
    wearFraction,
    remainingHostBytes,
    secondsToEndOfLife,
    endOfLife,
  };
}
