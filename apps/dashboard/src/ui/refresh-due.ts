/** A refresh in flight longer than this many intervals (at least a minute) is presumed lost. */
const STALE_INTERVALS = 6;

/**
 * Whether a live page's timer tick should refresh now (AutoRefresh): not while the previous refresh
 * is still in flight (unless it has been for so long that it was lost), not while a confirmation
 * dialog is open (an operator's action must not queue behind refreshes), not in a hidden tab.
 */
export function refreshDue(tick: {
  inFlightSince: number | undefined;
  now: number;
  intervalMs: number;
  hidden: boolean;
  dialogOpen: boolean;
}): boolean {
  if (tick.hidden || tick.dialogOpen) return false;
  if (tick.inFlightSince === undefined) return true;
  return tick.now - tick.inFlightSince > Math.max(60_000, STALE_INTERVALS * tick.intervalMs);
}
