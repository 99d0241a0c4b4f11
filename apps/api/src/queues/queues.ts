/**
 * Every BullMQ queue and job of the control plane, with its payload type, declared in one place.
 * BullMQ only schedules work; the state of record lives in PostgreSQL (DESIGN.md §6).
 * Every payload carries the correlation id of the request or job that caused it.
 */
export const QUEUES = {
  system: 'system',
  telemetry: 'telemetry',
  rollouts: 'rollouts',
  alerts: 'alerts',
  fleetMetrics: 'fleet-metrics',
  fleetSummary: 'fleet-summary',
  fleetSeries: 'fleet-series',
  autopilot: 'autopilot',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Round-trip through the worker; used by health checks and tests to prove a worker is consuming. */
  'system.ping': { correlationId: string; sentAt: string };
  /** Hourly: create the coming days' telemetry partitions, drop those past retention. */
  'telemetry.maintenance': { correlationId: string };
  /** Evaluate a rollout's current step; a job for an older revision is a no-op. */
  'rollout.evaluate': { correlationId: string; rolloutId: string; revision: number };
  /** Every minute and at worker start: rebuild missing rollout jobs from PostgreSQL. */
  'rollout.reconcile': { correlationId: string };
  /** On a schedule (ALERTS_EVALUATION_INTERVAL_SECONDS): evaluate every enabled alert rule. */
  'alerts.evaluate': { correlationId: string };
  /** Send one notification to one channel; retried with exponential back-off. */
  'alerts.deliver': { correlationId: string; deliveryId: string };
  /** Every minute: aggregate the fleet gauges of GET /metrics/fleet into one row. */
  'fleet-metrics.aggregate': { correlationId: string };
  /** Every 10 s: the overview's summary of the fleet and each group, kept in fleet_summary_snapshot. */
  'fleet-summary.refresh': { correlationId: string };
  /** Every 10 s: re-aggregate the changed 5-minute buckets of the fleet series per scope (fleet_series_rollup). */
  'fleet-series.refresh': { correlationId: string };
  /** Every minute: a flash-life autopilot round when it is enabled and its interval has passed. */
  'autopilot.tick': { correlationId: string };
  /** A flash-life autopilot round now (an operator's request, or settings just saved). */
  'autopilot.run': { correlationId: string; trigger: 'manual' };
}

export const JOBS = {
  systemPing: 'system.ping',
  telemetryMaintenance: 'telemetry.maintenance',
  rolloutEvaluate: 'rollout.evaluate',
  rolloutReconcile: 'rollout.reconcile',
  alertsEvaluate: 'alerts.evaluate',
  alertsDeliver: 'alerts.deliver',
  fleetMetricsAggregate: 'fleet-metrics.aggregate',
  fleetSummaryRefresh: 'fleet-summary.refresh',
  fleetSeriesRefresh: 'fleet-series.refresh',
  autopilotTick: 'autopilot.tick',
  autopilotRun: 'autopilot.run',
} as const satisfies Record<string, keyof JobPayloads>;
