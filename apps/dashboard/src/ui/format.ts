/** Display helpers shared by the pages. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString('en-US', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)} %`;
}

/** A difference of two rates in percentage points, signed: 0.021 → "+2.1 points", −0.004 → "−0.4 points". */
export function formatPoints(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(digits)} points`;
}

export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** A duration in days for people: hours under a day, days under ~3 months, else years. null = unbounded. */
export function formatDays(days: number | null | undefined): string {
  if (days === undefined) return '—';
  if (days === null || !Number.isFinite(days)) return 'unbounded';
  if (days < 1) return `${(days * 24).toLocaleString('en-US', { maximumFractionDigits: 1 })} h`;
  if (days < 90) return `${days.toLocaleString('en-US', { maximumFractionDigits: days < 10 ? 1 : 0 })} days`;
  return `${(days / 365).toLocaleString('en-US', { maximumFractionDigits: days < 3650 ? 1 : 0 })} years`;
}
