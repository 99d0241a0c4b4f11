import { ONLINE_WINDOW_MS } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';
import { toJsonb } from '../../infrastructure/jsonb.js';

/** What the worker stores once a minute and GET /metrics/fleet renders (JSON: no Infinity, null = unbounded). */
export interface FleetMetricsSnapshot {
  computedAt: string;
  windowMinutes: number;
  lifeTargetDays: number;
  robots: { online: number; offline: number; neverSeen: number; reporting: number };
  fleet: { steps: number; writes: number; flashBytesPerHour: number };
  life: {
    p05: number | null;
    p50: number | null;
    p95: number | null;
    min: number | null;
    belowTarget: number;
  };
  groups: {
    name: string;
    robots: number;
    steps: number;
    writes: number;
    flashBytesPerHour: number;
    belowTarget: number;
  }[];
  rollouts: Record<string, number>;
  alerts: { severity: string; kind: string; firing: number }[];
}

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const days = (value: unknown) =>
  value === null || value === undefined || !Number.isFinite(Number(value)) ? null : Number(value);

/**
 * Aggregates the whole fleet in PostgreSQL — per-robot rows never leave the database — and keeps the
 * result in `fleet_metrics_snapshot`, so a scrape costs one row read whatever the fleet's size.
 */
@Injectable()
export class FleetMetricsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async compute(now: Date, windowMinutes: number, lifeTargetDays: number): Promise<FleetMetricsSnapshot> {
    const since = new Date(now.getTime() - windowMinutes * 60_000);
    const onlineSince = new Date(now.getTime() - ONLINE_WINDOW_MS);
    const perHour = 60 / windowMinutes;
    const [fleet, rollouts, alerts] = await Promise.all([
      this.db.pool.query(
        `WITH recent AS (
           SELECT t.robot_id, sum(t.steps) AS steps, sum(t.writes) AS writes,
                  sum(t.flash_bytes_written) AS flash_bytes, max(t.wear_fraction) AS wear_now,
                  (max(t.wear_fraction) - min(t.wear_fraction))
                    / NULLIF(extract(epoch FROM max(t.window_end) - min(t.window_start)) / 86400.0, 0) AS wear_per_day
             FROM telemetry_record t WHERE t.window_start >= $1 GROUP BY t.robot_id),
         per AS (
           SELECT r.id, r.last_seen_at, recent.robot_id IS NOT NULL AS reporting,
                  coalesce(recent.steps, 0) AS steps, coalesce(recent.writes, 0) AS writes,
                  coalesce(recent.flash_bytes, 0) AS flash_bytes,
                  CASE WHEN recent.wear_per_day > 0 THEN (1 - recent.wear_now) / recent.wear_per_day
                       WHEN recent.robot_id IS NOT NULL THEN 'Infinity'::float8 END AS life_days
             FROM robot r LEFT JOIN recent ON recent.robot_id = r.id)
         SELECT count(*) FILTER (WHERE last_seen_at >= $2) AS online,
                count(*) FILTER (WHERE last_seen_at < $2) AS offline,
                count(*) FILTER (WHERE last_seen_at IS NULL) AS never_seen,
                count(*) FILTER (WHERE reporting) AS reporting,
                sum(steps) AS steps, sum(writes) AS writes, sum(flash_bytes) AS flash_bytes,
                percentile_disc(0.05) WITHIN GROUP (ORDER BY life_days) FILTER (WHERE reporting) AS p05,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY life_days) FILTER (WHERE reporting) AS p50,
                percentile_disc(0.95) WITHIN GROUP (ORDER BY life_days) FILTER (WHERE reporting) AS p95,
                min(life_days) AS min_life,
                count(*) FILTER (WHERE life_days < $3) AS below,
                (SELECT coalesce(json_agg(g ORDER BY g.name), '[]') FROM (
                   SELECT grp.name, count(per.id) AS robots, coalesce(sum(per.steps), 0) AS steps,
                          coalesce(sum(per.writes), 0) AS writes, coalesce(sum(per.flash_bytes), 0) AS flash_bytes,
                          count(*) FILTER (WHERE per.life_days < $3) AS below
                     FROM robot_group grp
                     LEFT JOIN robot_group_member m ON m.group_id = grp.id
                     LEFT JOIN per ON per.id = m.robot_id
                    GROUP BY grp.name) g) AS groups
           FROM per`,
        [since, onlineSince, lifeTargetDays],
      ),
      this.db.pool.query<{ status: string; n: string }>(
        'SELECT status::text AS status, count(*) AS n FROM rollout GROUP BY 1',
      ),
      this.db.pool.query<{ severity: string; kind: string; firing: string }>(
        `SELECT a.severity::text AS severity, coalesce(r.kind, 'deleted') AS kind, count(*) AS firing
           FROM alert a LEFT JOIN alert_rule r ON r.id = a.rule_id
          WHERE a.state = 'firing' GROUP BY 1, 2`,
      ),
    ]);
    const row = fleet.rows[0] ?? {};
    return {
      computedAt: now.toISOString(),
      windowMinutes,
      lifeTargetDays,
      robots: {
        online: num(row.online),
        offline: num(row.offline),
        neverSeen: num(row.never_seen),
        reporting: num(row.reporting),
      },
      fleet: {
        steps: num(row.steps),
        writes: num(row.writes),
        flashBytesPerHour: num(row.flash_bytes) * perHour,
      },
      life: {
        p05: days(row.p05),
        p50: days(row.p50),
        p95: days(row.p95),
        min: days(row.min_life),
        belowTarget: num(row.below),
      },
      groups: (row.groups as Record<string, unknown>[]).map((g) => ({
        name: String(g.name),
        robots: num(g.robots),
        steps: num(g.steps),
        writes: num(g.writes),
        flashBytesPerHour: num(g.flash_bytes) * perHour,
        belowTarget: num(g.below),
      })),
      rollouts: Object.fromEntries(rollouts.rows.map((r) => [r.status, num(r.n)])),
      alerts: alerts.rows.map((a) => ({ severity: a.severity, kind: a.kind, firing: num(a.firing) })),
    };
  }

  async save(snapshot: FleetMetricsSnapshot, durationMs: number) {
    const data = { computedAt: new Date(snapshot.computedAt), durationMs, snapshot: toJsonb(snapshot) };
    await this.db.client.fleetMetricsSnapshot.upsert({
      where: { id: 1 },
      create: { id: 1, ...data },
      update: data,
    });
  }

  async latest(): Promise<{ snapshot: FleetMetricsSnapshot; durationMs: number } | null> {
    const row = await this.db.client.fleetMetricsSnapshot.findUnique({ where: { id: 1 } });
    return row
      ? { snapshot: row.snapshot as unknown as FleetMetricsSnapshot, durationMs: row.durationMs }
      : null;
  }
}
