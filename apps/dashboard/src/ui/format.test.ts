import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatDays, formatPercent } from './format';

describe('display formats', () => {
  it('formats durations in days for people', () => {
    expect(formatDays(0.25)).toBe('6 h');
    expect(formatDays(1.7355)).toBe('1.7 days');
    expect(formatDays(42.4)).toBe('42 days');
    expect(formatDays(3437)).toBe('9.4 years');
    expect(formatDays(88_401)).toBe('242 years');
    expect(formatDays(null)).toBe('unbounded');
    expect(formatDays(Number.POSITIVE_INFINITY)).toBe('unbounded');
    expect(formatDays(undefined)).toBe('—');
  });

  it('formats bytes, percentages and ages', () => {
    expect(formatBytes(4224)).toBe('4.2 kB');
    expect(formatBytes(25_600_000)).toBe('25.6 MB');
    expect(formatPercent(0.22)).toBe('22.0 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatAgo(new Date(1_000).toISOString(), 91_000)).toBe('2 min ago');
    expect(formatAgo(null)).toBe('never');
  });
});
