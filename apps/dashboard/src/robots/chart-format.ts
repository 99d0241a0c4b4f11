/** How a chart's values read (client and server share it: functions cannot cross to the client). */
export type ValueFormat = 'percent' | 'wear' | 'fraction' | 'bytes';

export function formatValue(format: ValueFormat, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (format) {
    case 'percent':
      return `${(value * 100).toFixed(1)} %`;
    case 'wear':
      return `${(value * 100).toFixed(4)} %`;
    case 'fraction':
      return value.toFixed(2);
    case 'bytes': {
      const units = ['B', 'kB', 'MB', 'GB', 'TB'];
      let v = value;
      let unit = 0;
      while (v >= 1000 && unit < units.length - 1) {
        v /= 1000;
        unit++;
      }
      return `${v.toLocaleString('en-US', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
    }
  }
}

/** An axis tick: as short as the value allows (the caption and table carry the precise numbers). */
export function formatTick(format: ValueFormat, value: number): string {
  switch (format) {
    case 'percent':
      return `${Number((value * 100).toFixed(1))} %`;
    case 'wear':
      return `${Number((value * 100).toPrecision(3))} %`;
    default:
      return formatValue(format, value);
  }
}

/** A bucket's time as the chart axis and the data table show it (UTC, so server and browser agree). */
export function formatBucket(t: number, spanMs: number): string {
  const iso = new Date(t).toISOString();
  return spanMs > 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}
