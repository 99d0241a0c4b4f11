import type { FleetSummary, TelemetryRecord } from '@aura/core';
import { createTestDatabase, telemetryRecord, testDatabaseServerUrl, uniqueName } from '@aura/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  FleetSummaryRepository,
  SUMMARY_SNAPSHOT_MAX_AGE_MS,
  SUMMARY_SNAPSHOT_WINDOWS,
} from '../src/modules/telemetry/fleet-summary.repository.js';
import { ApiHarness } from './support/api-harness.js';

/**
 * The fleet summary reads the window's telemetry from telemetry_rollup (per robot and 5-minute
 * bucket, kept by telemetry_ingest) plus the raw records of the partial bucket at the window's start
 * (issue 15). Its figures must be those of the summary before rollups, which scanned every record of
 * the window: that statement is kept here, verbatim, as the reference.
 */
const SCANNING_SUMMARY = `WITH targets AS (
     SELECT id, name, last_seen_at, latest_telemetry FROM robot
      WHERE $1::uuid IS NULL OR id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $1::uuid)),
   recent AS (
     SELECT t.robot_id, sum(t.steps) AS steps, sum(t.writes) AS writes,
            sum(t.flash_bytes_written) AS flash_bytes, max(t.wear_fraction) AS wear_now,
            max(t.device_wear_value) AS device_wear,
            (max(t.wear_fraction) - min(t.wear_fraction))
              / NULLIF(extract(epoch FROM max(t.window_end) - min(t.window_start)) / 86400.0, 0) AS wear_per_day
       FROM telemetry_record t JOIN targets r ON r.id = t.robot_id
      WHERE t.window_start >= $2
      GROUP BY t.robot_id),
   per AS (
     SELECT r.id, r.name, r.last_seen_at,
            (r.latest_telemetry->>'wearFraction')::float8 AS wear,
            (r.latest_telemetry->>'kvEquivalentBytes')::float8 AS kv,
            recent.robot_id IS NOT NULL AS reporting, recent.steps, recent.writes, recent.flash_bytes,
            recent.device_wear,
            CASE WHEN recent.wear_per_day > 0 THEN (1 - recent.wear_now) / recent.wear_per_day
                 ELSE 'Infinity'::float8 END AS life_days
       FROM targets r LEFT JOIN recent ON recent.robot_id = r.id)
   SELECT count(*)::int AS total,
          count(*) FILTER (WHERE last_seen_at >= $3)::int AS online,
          count(*) FILTER (WHERE reporting)::int AS reporting,
          COALESCE(sum(steps), 0)::float8 AS steps, COALESCE(sum(writes), 0)::float8 AS writes,
          COALESCE(sum(flash_bytes), 0)::float8 AS flash_bytes,
          percentile_disc(0.5) WITHIN GROUP (ORDER BY life_days) FILTER (WHERE reporting) AS median_life,
          min(life_days) FILTER (WHERE reporting) AS worst_life,
          count(*) FILTER (WHERE reporting AND life_days < $4)::int AS below,
          percentile_disc(0.5) WITHIN GROUP (ORDER BY wear) AS median_wear,
          max(wear) AS worst_wear,
          max(device_wear) AS worst_device_wear,
          (SELECT json_agg(w) FROM (
             SELECT id AS "robotId", name, life_days AS "projectedLifeDays" FROM per
              WHERE reporting AND life_days < 'Infinity'::float8
              ORDER BY life_days, name LIMIT 5) w) AS worst
     FROM per`;

/** The rollup rows a scan of telemetry_record would make: equal to telemetry_rollup's, row for row. */
const ROLLUP_FROM_RECORDS = `SELECT robot_id, telemetry_rollup_bucket(window_start) AS bucket, count(*)::int AS records,
       sum(steps)::bigint AS steps, sum(writes)::bigint AS writes, sum(flash_bytes_written)::bigint AS flash_bytes,
       min(wear_fraction) AS wear_min, max(wear_fraction) AS wear_max, max(device_wear_value) AS device_wear_max,
       min(window_start) AS first_start, max(window_end) AS last_end
  FROM telemetry_record WHERE robot_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`;
const ROLLUP_ROWS = `SELECT robot_id, bucket, records, steps, writes, flash_bytes, wear_min, wear_max, device_wear_max,
       first_start, last_end
  FROM telemetry_rollup WHERE robot_id = ANY($1::uuid[]) ORDER BY 1, 2`;

const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

/** What the summary said before rollups, in the response's shape (the parts that read telemetry). */
function fromScan(row: Record<string, unknown>, lifeTargetDays: number) {
  return {
    robots: {
      total: row.total,
      online: row.online,
      offline: (row.total as number) - (row.online as number),
      reporting: row.reporting,
    },
    window: { steps: row.steps, writes: row.writes, flashBytes: row.flash_bytes },
    flashLife: {
      lifeTargetDays,
      medianDays: finite(row.median_life as number | null),
      worstDays: finite(row.worst_life as number | null),
      belowTarget: row.below,
      worst: row.worst ?? [],
    },
    wear: {
      medianFraction: row.median_wear,
      worstFraction: row.worst_wear,
      worstDeviceFraction: row.worst_device_wear,
    },
  };
}
const telemetryParts = (s: FleetSummary) => ({
  robots: s.robots,
  window: { steps: s.window.steps, writes: s.window.writes, flashBytes: s.window.flashBytes },
  flashLife: s.flashLife,
  wear: s.wear,
});

describe('fleet summary from telemetry rollups', () => {
  const { api } = ApiHarness.forSuite([]);
  const t0 = Date.now();
  /** Record `seq` of a window starting `agoMs` before t0, wear `wear`; 10 s windows. */
  const at = (seq: number, agoMs: number, wear: number, extra: Partial<TelemetryRecord> = {}) =>
    telemetryRecord(
      seq,
      { wearFraction: wear, writes: 10 + (seq % 7), ...extra },
      { start: new Date(t0 - agoMs) },
    );

  it('equals the scanning summary for late, duplicate and out-of-order telemetry, decommission and deletion', async () => {
    const operator = await api.operatorKey('operator');
    const groupId: string = (await api.ok(operator, 'POST', '/v1/groups', { name: uniqueName('rollup') })).id;
    const send = async (secret: string, records: TelemetryRecord[]) =>
      (await api.ok(secret, 'POST', '/v1/agent/telemetry', { records })) as {
        accepted: number;
        duplicates: number;
      };
    const robots: Record<string, { robotId: string; robotSecret: string }> = {};
    for (const name of ['steady', 'late', 'device', 'silent', 'retired', 'deleted']) {
      robots[name] = await api.enrollRobot(operator, uniqueName(name));
    }
    // steady: a window every 97 s over the last ~3 h, wear rising; sent newest half first (out of order)
    const steady = Array.from({ length: 110 }, (_, i) => at(i + 1, (110 - i) * 97_000, 0.001 + i * 0.000_01));
    expect((await send(robots.steady!.robotSecret, steady.slice(55))).accepted).toBe(55);
    expect((await send(robots.steady!.robotSecret, steady.slice(0, 55))).accepted).toBe(55);
    // …then re-sent with other values: duplicates, which must change nothing
    const resent = steady.slice(40, 80).map((r) => ({ ...r, steps: 50, writes: 1, wearFraction: 0.9 }));
    expect(await send(robots.steady!.robotSecret, resent)).toMatchObject({ accepted: 0, duplicates: 40 });
    // late: recent windows first, then windows of 2 h ago arrive (late records join their old buckets)
    await send(robots.late!.robotSecret, [at(30, 120_000, 0.3), at(31, 60_000, 0.31)]);
    await send(
      robots.late!.robotSecret,
      Array.from({ length: 12 }, (_, i) => at(i + 1, 7_300_000 - i * 13_000, 0.2 + i * 0.001)),
    );
    await send(robots.late!.robotSecret, [at(20, 2_000_000, 0.295), at(30, 120_000, 0.3)]);
    // device: reported wear, not monotonic (a reset), windows around the 5-minute edges
    await send(
      robots.device!.robotSecret,
      Array.from({ length: 40 }, (_, i) =>
        at(i + 1, 4_000_000 - i * 101_000, i === 20 ? 0.05 : 0.1 + i * 0.0001, {
          deviceWear: { source: 'emmc.life_time_b', value: 0.1 + (i % 9) * 0.01 },
        }),
      ),
    );
    await send(robots.retired!.robotSecret, [at(1, 600_000, 0.4), at(2, 300_000, 0.41)]);
    await send(robots.deleted!.robotSecret, [at(1, 600_000, 0.5), at(2, 300_000, 0.9)]);
    await api.request({
      method: 'POST',
      url: `/v1/groups/${groupId}/members`,
      token: operator,
      payload: { add: Object.values(robots).map((r) => r.robotId) },
    });
    const ids = Object.values(robots).map((r) => r.robotId);
    const rollupAgrees = async () => {
      const [fromRecords, rows] = await Promise.all([
        api.prisma.$queryRawUnsafe<unknown[]>(ROLLUP_FROM_RECORDS, ids),
        api.prisma.$queryRawUnsafe<unknown[]>(ROLLUP_ROWS, ids),
      ]);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual(fromRecords);
    };
    await rollupAgrees();

    const repository = api.app.get(FleetSummaryRepository);
    const compare = async (label: string) => {
      // windows ending at t0 and at t0 + 37 s (so the window's start falls inside a bucket), short to a day
      for (const nowMs of [t0, t0 + 37_000, Math.ceil(t0 / 300_000) * 300_000]) {
        for (const windowMinutes of [5, 17, 60, 125, 1440]) {
          const lifeTargetDays = 30;
          const now = new Date(nowMs);
          const since = new Date(nowMs - windowMinutes * 60_000);
          const onlineSince = new Date(nowMs - 60_000);
          const [summary, scanned] = await Promise.all([
            repository.summary({ groupId, windowMinutes, lifeTargetDays, now }),
            api.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
              SCANNING_SUMMARY,
              groupId,
              since,
              onlineSince,
              lifeTargetDays,
            ),
          ]);
          expect(telemetryParts(summary), `${label}, ${windowMinutes} min to ${now.toISOString()}`).toEqual(
            fromScan(scanned[0]!, lifeTargetDays),
          );
        }
      }
    };
    await compare('all robots');
    // The worker's snapshot (fleet_summary_snapshot) serves the same figures as the live statement at its
    // computed_at; anything that takes robots or telemetry away deletes it in the same transaction.
    const snapshotAt = async (windowMinutes = 60) =>
      (
        await api.prisma.$queryRawUnsafe<{ computed_at: Date }[]>(
          'SELECT computed_at FROM fleet_summary_snapshot WHERE scope = $1 AND window_minutes = $2 AND life_target_days = 30',
          groupId,
          windowMinutes,
        )
      )[0]?.computed_at;
    const servedEqualsLive = async (label: string) => {
      for (const [windowMinutes, lifeTargetDays] of [
        [60, 30],
        [60, 1825],
        [30, 30],
        [30, 1825],
        [17, 30],
      ] as const) {
        const options = { groupId, windowMinutes, lifeTargetDays };
        const served = await repository.summary(options);
        const live = await repository.summary({ ...options, now: new Date(served.at) });
        expect(served, `${label}, ${windowMinutes} min, ${lifeTargetDays} days`).toEqual(live);
      }
    };
    // A stored summary is served up to SUMMARY_SNAPSHOT_MAX_AGE_MS old (the paced refresh stretches its
    // period under load; at 30 s a request often computed the fleet live, 2-5 s at 100,000 robots), not older.
    const aged = new Date(Date.now() - SUMMARY_SNAPSHOT_MAX_AGE_MS + 20_000);
    await repository.refresh({ windowMinutes: [60], lifeTargetDays: [30], now: aged });
    expect((await repository.summary({ groupId, windowMinutes: 60, lifeTargetDays: 30 })).at).toBe(
      aged.toISOString(),
    );
    const expired = new Date(Date.now() - SUMMARY_SNAPSHOT_MAX_AGE_MS - 5_000);
    await repository.refresh({ windowMinutes: [60], lifeTargetDays: [30], now: expired });
    const live = await repository.summary({ groupId, windowMinutes: 60, lifeTargetDays: 30 });
    expect(Date.parse(live.at)).toBeGreaterThan(expired.getTime() + SUMMARY_SNAPSHOT_MAX_AGE_MS);
    const refreshed = new Date();
    // every standard window the worker keeps (the dashboard's 60 minutes and 30), one row per scope,
    // window and target: here the fleet and this group (other files' groups may add more)
    expect(SUMMARY_SNAPSHOT_WINDOWS).toEqual([60, 30]);
    expect(
      await repository.refresh({
        windowMinutes: SUMMARY_SNAPSHOT_WINDOWS,
        lifeTargetDays: [30, 1825],
        now: refreshed,
      }),
    ).toBeGreaterThanOrEqual(2 * 2 * 2);
    for (const windowMinutes of SUMMARY_SNAPSHOT_WINDOWS) {
      expect(await snapshotAt(windowMinutes)).toEqual(refreshed);
      for (const lifeTargetDays of [30, 1825]) {
        const served = await repository.summary({ groupId, windowMinutes, lifeTargetDays });
        expect(served.at).toBe(refreshed.toISOString()); // from the snapshot, not computed again
        expect(served.windowMinutes).toBe(windowMinutes);
        expect(served.robots.reporting).toBeGreaterThanOrEqual(4);
      }
    }
    // the two windows' figures differ in this data (the 60-minute window holds more of the steady robot's
    // windows), so a row served for the wrong window would fail the comparison with the live statement
    const [hour, halfHour] = await Promise.all(
      SUMMARY_SNAPSHOT_WINDOWS.map((windowMinutes) =>
        repository.summary({ groupId, windowMinutes, lifeTargetDays: 30 }),
      ),
    );
    expect(hour!.window.steps).not.toBe(halfHour!.window.steps);
    await servedEqualsLive('snapshot');
    const summaryNow = await repository.summary({ groupId, windowMinutes: 60, lifeTargetDays: 30 });
    expect(summaryNow.robots.reporting).toBeGreaterThanOrEqual(4);

    // decommission keeps the robot and its telemetry (the summary counted them before too)
    const decommissioned = await api.request({
      method: 'POST',
      url: `/v1/robots/${robots.retired!.robotId}/decommission`,
      token: operator,
      payload: { reason: 'rollup test' },
    });
    expect(decommissioned.statusCode).toBe(200);
    await compare('after a decommission');
    // (a worker of another test file may have stored a newer one since: only one older than the change is wrong)
    const gone = async (change: Date) => {
      for (const windowMinutes of SUMMARY_SNAPSHOT_WINDOWS) {
        const at = await snapshotAt(windowMinutes);
        expect(
          at === undefined || at > change,
          `${windowMinutes}-minute snapshot of ${at?.toISOString()} after a change at ${change.toISOString()}`,
        ).toBe(true);
      }
    };
    await gone(refreshed);
    await servedEqualsLive('after a decommission');
    const beforeDeletion = new Date();
    await repository.refresh({
      windowMinutes: SUMMARY_SNAPSHOT_WINDOWS,
      lifeTargetDays: [30],
      now: beforeDeletion,
    });
    expect(await snapshotAt(30)).toEqual(beforeDeletion);
    // deleting a robot deletes its rollup rows with its telemetry
    await api.prisma.robot.delete({ where: { id: robots.deleted!.robotId } });
    expect(await api.prisma.telemetryRollup.count({ where: { robotId: robots.deleted!.robotId } })).toBe(0);
    await rollupAgrees();
    await compare('after a deletion');
    await gone(beforeDeletion);
    await servedEqualsLive('after a deletion');
  });

  it('retention drops the rollup buckets of the days it drops, and only those', async () => {
    // A database of its own: dropping partitions in the shared one would race other test files.
    const server = testDatabaseServerUrl();
    const database = createTestDatabase(
      server,
      `aura_rollup_retention_${process.pid}_${Date.now().toString(36)}`,
    );
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string }>(
        "INSERT INTO robot (name, secret_prefix, secret_hash) VALUES ('r', 'rollup-ret', 'x') RETURNING id",
      );
      const robot = rows[0]!.id;
      await db.query(
        "SELECT telemetry_ensure_partition('2025-03-01'::date), telemetry_ensure_partition('2025-03-02'::date)",
      );
      const ingest = (seq: number, start: string, wear: number) =>
        db.query(
          `SELECT accepted FROM telemetry_ingest($1::uuid, ARRAY[$2]::bigint[], ARRAY[$3::timestamptz],
             ARRAY[$3::timestamptz + interval '10 seconds'], ARRAY[100], ARRAY[20], ARRAY[0.5]::float8[],
             ARRAY[NULL]::uuid[], ARRAY[4224], ARRAY[0]::bigint[], ARRAY[4096]::bigint[], ARRAY[$4]::float8[],
             ARRAY[NULL]::text[], ARRAY[NULL]::float8[], ARRAY[1], ARRAY[1], ARRAY[1]::float8[], ARRAY[1]::float8[],
             '{}'::jsonb)`,
          [robot, seq, start, wear],
        );
      await ingest(1, '2025-03-01T23:58:00Z', 0.1);
      await ingest(2, '2025-03-01T23:59:55Z', 0.2);
      await ingest(3, '2025-03-02T00:00:00Z', 0.3);
      await ingest(2, '2025-03-01T23:59:55Z', 0.9); // a duplicate: not added
      const buckets = async () =>
        (
          await db.query<{ bucket: Date; records: number; wear_max: number }>(
            'SELECT bucket, records, wear_max FROM telemetry_rollup ORDER BY bucket',
          )
        ).rows.map((r) => [r.bucket.toISOString(), r.records, r.wear_max]);
      expect(await buckets()).toEqual([
        ['2025-03-01T23:55:00.000Z', 2, 0.2],
        ['2025-03-02T00:00:00.000Z', 1, 0.3],
      ]);
      // a stored summary (any scope) goes with the buckets retention deletes
      await db.query(
        `INSERT INTO fleet_summary_snapshot (scope, window_minutes, life_target_days, computed_at, duration_ms, figures)
         VALUES ('fleet', 60, 1825, now(), 1, '{}')`,
      );
      expect(
        (await db.query("SELECT telemetry_drop_partitions_before('2025-03-02'::date) AS n")).rows[0].n,
      ).toBe(1);
      expect(await buckets()).toEqual([['2025-03-02T00:00:00.000Z', 1, 0.3]]);
      expect((await db.query('SELECT scope FROM fleet_summary_snapshot')).rows).toEqual([]);
    } finally {
      await db.end();
      await database.drop();
    }
  });
});
