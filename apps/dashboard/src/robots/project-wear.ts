/**
 * Where a robot's flash wear is heading: the growth of the estimated wear fraction across the window
 * (first to last point), extrapolated linearly to 100 % of rated endurance.
 */
export interface WearProjection {
  /** Wear fraction added per day at the window's pace. */
  perDay: number;
  /** Days until 100 % at that pace; null when wear did not grow (unbounded). */
  daysLeft: number | null;
}

export function projectWear(points: { t: number; wear: number | null }[]): WearProjection | null {
  const known = points.filter((p): p is { t: number; wear: number } => p.wear !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last || last.t <= first.t) return null;
  const perDay = ((last.wear - first.wear) / (last.t - first.t)) * 86_400_000;
  if (perDay <= 0) return { perDay: 0, daysLeft: null };
  return { perDay, daysLeft: Math.max(0, (1 - last.wear) / perDay) };
}

export function formatDays(days: number | null): string {
  if (days === null) return 'not wearing out at this pace';
  if (days >= 730) return `${(days / 365).toLocaleString('en-US', { maximumFractionDigits: 0 })} years`;
  if (days >= 2) return `${Math.round(days).toLocaleString('en-US')} days`;
  return `${(days * 24).toLocaleString('en-US', { maximumFractionDigits: 1 })} hours`;
}
