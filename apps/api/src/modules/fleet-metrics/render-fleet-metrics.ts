import { ALERT_SEVERITIES, ROLLOUT_STATUSES } from '@aura/core';
import { Gauge, Registry } from 'prom-client';
import type { FleetMetricsSnapshot } from './fleet-metrics.repository.js';

/**
 * The fleet gauges in Prometheus text format. Labels stay bounded: status, group name (operators
 * create groups; robots never become labels), rollout status, alert severity and rule kind.
 * `null` lives (no wear growth seen) are +Inf, as Prometheus writes unbounded values.
 */
export function renderFleetMetrics(
  latest: { snapshot: FleetMetricsSnapshot; durationMs: number } | null,
  now: Date,
): Registry {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const inf = (value: number | null) => value ?? Number.POSITIVE_INFINITY;

  const age = gauge(
    'aura_fleet_metrics_age_seconds',
    'Seconds since the worker last aggregated the fleet gauges',
  );
  const compute = gauge(
    'aura_fleet_metrics_compute_seconds',
    'How long the last aggregation took in PostgreSQL',
  );
  const robots = gauge('aura_fleet_robots', 'Robots by status (online = seen in the last 60 s)', ['status']);
  const reporting = gauge('aura_fleet_robots_reporting', 'Robots with telemetry in the aggregation window');
  const writesPerStep = gauge(
    'aura_fleet_writes_per_step',
    'Memory writes per step over the window, whole fleet',
  );
  const flash = gauge(
    'aura_fleet_flash_bytes_per_hour',
    'Flash bytes written per hour over the window, whole fleet',
  );
  const life = gauge(
    'aura_fleet_projected_flash_life_days',
    'Projected flash life of reporting robots (remaining endurance / wear rate in the window), by quantile',
    ['quantile'],
  );
  const lifeMin = gauge(
    'aura_fleet_projected_flash_life_min_days',
    'Shortest projected flash life in the fleet',
  );
  const below = gauge(
    'aura_fleet_robots_below_life_target',
    'Reporting robots projected to wear out before the target',
  );
  const target = gauge('aura_fleet_life_target_days', 'The flash-life target the below-target counts use');
  const groupRobots = gauge('aura_group_robots', 'Robots per group', ['group']);
  const groupWrites = gauge(
    'aura_group_writes_per_step',
    'Memory writes per step over the window, per group',
    ['group'],
  );
  const groupFlash = gauge(
    'aura_group_flash_bytes_per_hour',
    'Flash bytes per hour over the window, per group',
    ['group'],
  );
  const groupBelow = gauge(
    'aura_group_robots_below_life_target',
    'Robots below the flash-life target, per group',
    ['group'],
  );
  const rollouts = gauge('aura_rollouts', 'Rollouts by status', ['status']);
  const alerts = gauge('aura_alerts_firing', 'Open alerts by severity and rule kind', ['severity', 'kind']);

  if (!latest) return registry; // no aggregation yet: only HELP/TYPE lines, no samples
  const s = latest.snapshot;
  age.set(Math.max(0, (now.getTime() - Date.parse(s.computedAt)) / 1000));
  compute.set(latest.durationMs / 1000);
  robots.set({ status: 'online' }, s.robots.online);
  robots.set({ status: 'offline' }, s.robots.offline);
  robots.set({ status: 'never_seen' }, s.robots.neverSeen);
  reporting.set(s.robots.reporting);
  if (s.fleet.steps > 0) writesPerStep.set(s.fleet.writes / s.fleet.steps);
  flash.set(s.fleet.flashBytesPerHour);
  if (s.robots.reporting > 0) {
    life.set({ quantile: '0.05' }, inf(s.life.p05));
    life.set({ quantile: '0.5' }, inf(s.life.p50));
    life.set({ quantile: '0.95' }, inf(s.life.p95));
    lifeMin.set(inf(s.life.min));
  }
  below.set(s.life.belowTarget);
  target.set(s.lifeTargetDays);
  for (const g of s.groups) {
    groupRobots.set({ group: g.name }, g.robots);
    if (g.steps > 0) groupWrites.set({ group: g.name }, g.writes / g.steps);
    groupFlash.set({ group: g.name }, g.flashBytesPerHour);
    groupBelow.set({ group: g.name }, g.belowTarget);
  }
  for (const status of ROLLOUT_STATUSES) rollouts.set({ status }, s.rollouts[status] ?? 0);
  for (const severity of ALERT_SEVERITIES) {
    const rows = s.alerts.filter((a) => a.severity === severity);
    if (rows.length === 0) alerts.set({ severity, kind: 'any' }, 0);
    for (const a of rows) alerts.set({ severity, kind: a.kind }, a.firing);
  }
  return registry;
}
