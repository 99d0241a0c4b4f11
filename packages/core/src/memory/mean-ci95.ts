/**
 * Small statistics over per-seed values (pure; no dependencies, safe for any entry point).
 */

// Two-sided 97.5% quantiles of Student's t for df = 1..30; larger df use 1.96.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df): the two-sided 95% quantile of Student's t (1.96 beyond df = 30). */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError('df must be a positive integer');
  return T975[df - 1] ?? 1.96;
}

/**
 * Mean and 95% t-interval over per-seed values: mean ± t(0.975, n−1)·sd/√n (sd with n−1).
 * With one value the interval is the point itself.
 */
export function meanCi95(values: number[]): { mean: number; ci95: [number, number]; sd: number; n: number } {
  const n = values.length;
  if (n === 0) throw new RangeError('meanCi95 needs at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, ci95: [mean, mean], sd: 0, n };
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (studentT975(n - 1) * sd) / Math.sqrt(n);
  return { mean, ci95: [mean - half, mean + half], sd, n };
}
