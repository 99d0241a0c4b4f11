import { InvalidArgumentError } from 'commander';

/**
 * Argument parsers for commander options: each refuses a bad value before anything is sent
 * (commander reports it as a usage error, exit 2).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function uuidArg(what: string) {
  return (value: string): string => {
    if (!UUID.test(value)) throw new InvalidArgumentError(`must be a ${what} id (a UUID), got "${value}"`);
    return value.toLowerCase();
  };
}

export function intArg(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

export function numberArg(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be a number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `15m`, `24h`, `7d`, `2w` → milliseconds. */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/.exec(value.trim());
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}

export function durationArg(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    throw new InvalidArgumentError(`must be a duration such as 30s, 15m, 24h or 7d, got "${value}"`);
  }
  return ms;
}

/**
 * An instant: an ISO-8601 date-time (`2026-11-30T00:00:00Z`), a date (`2026-11-30`, midnight UTC),
 * `now`, or a duration ago (`24h` = 24 hours before now). Returned as an ISO string.
 */
export function instantArg(now: () => number = Date.now) {
  return (value: string): string => {
    const trimmed = value.trim();
    if (trimmed === 'now') return new Date(now()).toISOString();
    const ago = parseDuration(trimmed);
    if (ago !== undefined) return new Date(now() - ago).toISOString();
    if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
      const date = Date.parse(`${trimmed}T00:00:00Z`);
      if (Number.isFinite(date)) return new Date(date).toISOString();
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) {
      const date = Date.parse(trimmed);
      if (Number.isFinite(date)) return new Date(date).toISOString();
    }
    throw new InvalidArgumentError(
      `must be a date-time with a zone (2026-11-30T08:00:00Z), a date (2026-11-30), "now", or a time ago (24h, 7d); got "${value}"`,
    );
  };
}

/** Collects a repeatable option (`--tag a --tag b`) into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
