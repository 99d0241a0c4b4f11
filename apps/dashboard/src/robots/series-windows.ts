/** The time windows the robot detail page offers, each with a bucket size that keeps ≤ ~100 points. */
export const SERIES_WINDOWS = {
  '1h': { label: '1 h', ms: 3_600_000, bucketSeconds: 60 },
  '24h': { label: '24 h', ms: 86_400_000, bucketSeconds: 900 },
  '7d': { label: '7 d', ms: 7 * 86_400_000, bucketSeconds: 3 * 3600 },
} as const;
export type SeriesWindow = keyof typeof SERIES_WINDOWS;

export function parseSeriesWindow(value: string | undefined): SeriesWindow {
  return value && value in SERIES_WINDOWS ? (value as SeriesWindow) : '24h';
}
