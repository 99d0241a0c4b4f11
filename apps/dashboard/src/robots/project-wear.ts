import { formatDays } from '../ui/format';

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

/** Days left for people (`formatDays` of src/ui), or that wear is not growing. */
export function formatDaysLeft(days: number | null): string {
  return days === null ? 'not wearing out at this pace' : formatDays(days);
}
