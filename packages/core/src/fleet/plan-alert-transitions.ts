/**
 * The alerting engine's decisions, free of any database (docs/alerts.md).
 *
 * A rule kind reports, per evaluation, only the subjects that are past the threshold (`breach`) or
 * inside the hysteresis band between the threshold and the resolve level (`hold`); every other subject
 * is clear. So a value hovering at the threshold cannot flap: an alert fires on a breach, stays open
 * while the value is in the band, and resolves only once the value is back past the resolve level.
 */
export interface AlertSignal {
  subjectType: 'robot' | 'rollout' | 'group' | 'tag' | 'fleet' | 'signing_key';
  subjectId: string;
  subjectName: string;
  value: number | null;
  state: 'breach' | 'hold';
  summary: string;
}

export interface OpenAlertState {
  id: string;
  subjectId: string;
  notifiedAt: Date | null;
}

export interface AlertTransitions<A extends OpenAlertState> {
  /** Breaching subjects with no open alert: a new episode each. */
  fire: AlertSignal[];
  /** Open alerts whose subject still breaches or holds (value and summary refreshed). */
  keep: { alert: A; signal: AlertSignal }[];
  /** Open alerts whose subject is clear: resolved. */
  resolve: A[];
}

export function planAlertTransitions<A extends OpenAlertState>(
  open: readonly A[],
  signals: readonly AlertSignal[],
): AlertTransitions<A> {
  const bySubject = new Map(signals.map((signal) => [signal.subjectId, signal]));
  const openSubjects = new Set(open.map((alert) => alert.subjectId));
  const keep: AlertTransitions<A>['keep'] = [];
  const resolve: A[] = [];
  for (const alert of open) {
    const signal = bySubject.get(alert.subjectId);
    if (signal) keep.push({ alert, signal });
    else resolve.push(alert);
  }
  // A subject only in the band without an open alert stays quiet: it has not crossed the threshold.
  const fire = signals.filter((s) => s.state === 'breach' && !openSubjects.has(s.subjectId));
  return { fire, keep, resolve };
}

export interface SilenceMatcher {
  ruleId: string | null;
  subjectId: string | null;
  startsAt: Date;
  endsAt: Date;
  expiredAt: Date | null;
}

/** A silence mutes a (rule, subject) while it is active; an absent matcher field matches anything. */
export function isSilenced(
  silences: readonly SilenceMatcher[],
  ruleId: string,
  subjectId: string,
  now: Date,
): boolean {
  return silences.some(
    (s) =>
      s.expiredAt === null &&
      s.startsAt <= now &&
      now < s.endsAt &&
      (s.ruleId === null || s.ruleId === ruleId) &&
      (s.subjectId === null || s.subjectId === subjectId),
  );
}

export interface NotificationCandidate {
  id: string;
  notifiedAt: Date | null;
  silenced: boolean;
}

export interface NotificationPlan {
  /** `firing` when some firing alert was never notified; `repeat` when the repeat interval is up. */
  firing: { type: 'firing' | 'repeat'; alertIds: string[]; newAlertIds: string[] } | null;
  /** Alerts resolved now whose firing had been notified (silenced ones stay quiet). */
  resolvedAlertIds: string[];
}

/**
 * Grouping: everything a rule has to say in one evaluation goes out as at most one firing (or repeat)
 * notification listing every firing, unsilenced alert, plus at most one resolve notification — so
 * 200 robots crossing together are one message, not 200.
 */
export function planAlertNotifications(options: {
  firing: readonly NotificationCandidate[];
  resolved: readonly NotificationCandidate[];
  lastNotifiedAt: Date | null;
  repeatIntervalMs: number;
  now: Date;
}): NotificationPlan {
  const audible = options.firing.filter((a) => !a.silenced);
  const fresh = audible.filter((a) => a.notifiedAt === null);
  const repeatDue =
    options.lastNotifiedAt === null ||
    options.now.getTime() - options.lastNotifiedAt.getTime() >= options.repeatIntervalMs;
  let firing: NotificationPlan['firing'] = null;
  if (fresh.length > 0) {
    firing = { type: 'firing', alertIds: audible.map((a) => a.id), newAlertIds: fresh.map((a) => a.id) };
  } else if (audible.length > 0 && repeatDue) {
    firing = { type: 'repeat', alertIds: audible.map((a) => a.id), newAlertIds: [] };
  }
  const resolvedAlertIds = options.resolved
    .filter((a) => a.notifiedAt !== null && !a.silenced)
    .map((a) => a.id);
  return { firing, resolvedAlertIds };
}
