/** Projected flash lives binned for the flash-life page's distribution plot (pure, unit-tested). */

export interface LifeBin {
  /** e.g. "2–3 y", "≥ 15 y", "unbounded" */
  label: string;
  /** lower edge in years (inclusive); null for the unbounded bin */
  fromYears: number | null;
  /** upper edge in years (exclusive); null for the last bounded bin and the unbounded bin */
  toYears: number | null;
  /** robots short of their target / meeting it */
  short: number;
  meets: number;
}

const YEAR_DAYS = 365.25;
const fmt = (y: number) => (Number.isInteger(y) ? String(y) : y.toFixed(1));

/**
 * Bins each robot's projected life (days; null = unbounded) by years. The edges are 0, ½, 1, 2, 3, 5,
 * 7, 10 and 15 years plus the target itself, so that the target falls on a bin edge; lives ≥ 15 years
 * share the last bounded bin. A robot counts as short when its projected life is below its own
 * target's requirement (`short`), which the API computed per robot (group overrides included).
 */
export function binProjectedLives(
  robots: readonly { lifeDays: number | null; short: boolean }[],
  targetDays: number,
): LifeBin[] {
  const target = targetDays / YEAR_DAYS;
  const edges = [...new Set([0, 0.5, 1, 2, 3, 5, 7, 10, 15, Math.round(target * 10) / 10])]
    .filter((e) => e <= 15)
    .sort((a, b) => a - b);
  const bins: LifeBin[] = edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    return {
      label: to === null ? `≥ ${fmt(from)} y` : `${fmt(from)}–${fmt(to)} y`,
      fromYears: from,
      toYears: to,
      short: 0,
      meets: 0,
    };
  });
  const unbounded: LifeBin = { label: 'unbounded', fromYears: null, toYears: null, short: 0, meets: 0 };
  for (const robot of robots) {
    let bin = unbounded;
    if (robot.lifeDays !== null && Number.isFinite(robot.lifeDays)) {
      const years = Math.max(0, robot.lifeDays / YEAR_DAYS);
      bin = bins.findLast((b) => (b.fromYears ?? 0) <= years) ?? bins[0]!;
    }
    if (robot.short) bin.short++;
    else bin.meets++;
  }
  return [...bins, unbounded];
}

/** The label of the bin that starts at the target (where the plot draws its target line). */
export function targetBinLabel(bins: readonly LifeBin[], targetDays: number): string | undefined {
  const target = Math.round((targetDays / YEAR_DAYS) * 10) / 10;
  return bins.find((b) => b.fromYears !== null && Math.abs(b.fromYears - target) < 1e-9)?.label;
}
