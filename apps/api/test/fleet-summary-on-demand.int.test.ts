import { randomBytes } from 'node:crypto';
import type { FleetSummary, TelemetryRecord } from '@aura/core';
import {
  createTestDatabase,
  removeRedisKeys,
  sleep,
  startWorker,
  type TestDatabase,
  type TestProcess,
  telemetryRecord,
  testDatabaseServerUrl,
  testRedisUrl,
  uniqueName,
} from '@aura/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGGER } from '../src/infrastructure/logger.js';
import {
  FleetSummaryRepository,
  SUMMARY_SNAPSHOT_WINDOWS,
} from '../src/modules/telemetry/fleet-summary.repository.js';
import { FleetSummaryDemand } from '../src/modules/telemetry/fleet-summary-demand.js';
import { FleetSummaryRefreshService } from '../src/modules/telemetry/fleet-summary-refresh.service.js';
import { ApiHarness, refusedFields } from './support/api-harness.js';

/**
 * Materialised on demand (issue 15): a summary of a window (or target) the worker does not keep is
 * computed live when first asked; the ask is recorded, the worker's next refresh keeps that window too
 * (at most FLEET_SUMMARY_ON_DEMAND_MAX pairs asked within FLEET_SUMMARY_ON_DEMAND_MINUTES, the most
 * recent first), and later reads are served from the snapshot with the live statement's figures at its
 * time. A database and Redis prefix of its own: another test file's worker would refresh the shared
 * database's snapshot with its own asks (and delete the rows of this file's).
 */
describe('fleet summary windows materialised on demand', () => {
  const prefix = `aura-on-demand-${randomBytes(3).toString('hex')}`;
  const t0 = Date.now();
  let database: TestDatabase;
  let api: ApiHarness;
  let viewer: string;
  let groupId: string;
  let repository: FleetSummaryRepository;
  let demand: FleetSummaryDemand;
  let refresher: FleetSummaryRefreshService;

  const get = (query: string) =>
    api.request({ method: 'GET', url: `/v1/fleet/summary?${query}`, token: viewer });
  const summary = async (query: string): Promise<FleetSummary> => {
    const response = await get(query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  /** The stored (window, target) pairs of a scope. */
  const stored = async (scope = 'fleet') =>
    (
      await api.prisma.$queryRawUnsafe<{ w: number; t: number }[]>(
        `SELECT window_minutes AS w, life_target_days AS t FROM fleet_summary_snapshot
          WHERE scope = $1 ORDER BY 1, 2`,
        scope,
      )
    ).map((r) => `${r.w}:${r.t}`);
  /** A served summary and the live statement's at its `at` are the same figures. */
  const servedEqualsLive = async (served: FleetSummary, label: string) => {
    const live = await repository.summary({
      groupId: served.groupId ?? undefined,
      windowMinutes: served.windowMinutes,
      lifeTargetDays: served.flashLife.lifeTargetDays,
      now: new Date(served.at),
    });
    expect(served, label).toEqual(live);
  };

  beforeAll(async () => {
    const server = testDatabaseServerUrl();
    database = createTestDatabase(server, `aura_summary_on_demand_${process.pid}_${Date.now().toString(36)}`);
    api = await ApiHarness.start({ DATABASE_URL: database.url, REDIS_PREFIX: prefix });
    repository = api.app.get(FleetSummaryRepository);
    demand = api.app.get(FleetSummaryDemand);
    refresher = new FleetSummaryRefreshService(repository, demand, api.config, api.app.get(LOGGER));
    const operator = await api.operatorKey('operator');
    viewer = await api.operatorKey('viewer');
    groupId = (await api.ok(operator, 'POST', '/v1/groups', { name: uniqueName('on-demand') })).id;
    const ids: string[] = [];
    for (let r = 0; r < 4; r++) {
      const robot = await api.enrollRobot(operator, uniqueName(`od-${r}`));
      ids.push(robot.robotId);
      // a window every 83 s over the last ~70 minutes, wear rising at a rate of its own: the 17-, 30-,
      // 45- and 60-minute windows all hold different figures
      const records: TelemetryRecord[] = Array.from({ length: 50 }, (_, i) =>
        telemetryRecord(
          i + 1,
          { wearFraction: 0.001 * (r + 1) + i * 0.000_01 * (r + 1), writes: 10 + ((i + r) % 7) },
          { start: new Date(t0 - (50 - i) * 83_000) },
        ),
      );
      await api.ok(robot.robotSecret, 'POST', '/v1/agent/telemetry', { records });
    }
    await api.ok(operator, 'POST', `/v1/groups/${groupId}/members`, { add: ids.slice(0, 2) });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await database?.drop();
    await removeRedisKeys(testRedisUrl(), prefix);
  });

  it('keeps a window asked once in the worker’s next refresh, then serves it from the snapshot', async () => {
    let worker: TestProcess | undefined;
    try {
      const before = Date.now();
      const first = await summary(`windowMinutes=17&groupId=${groupId}`);
      // computed live: as of the request, not of a stored row
      expect(Date.parse(first.at)).toBeGreaterThanOrEqual(before);
      expect(first.robots.reporting).toBe(2);
      expect((await demand.askedSince(before)).map((a) => [a.windowMinutes, a.lifeTargetDays])).toEqual([
        [17, 1825],
      ]);
      worker = await startWorker({ ...api.serviceEnv(), NODE_ENV: 'test' });
      const waitStarted = Date.now();
      while (!(await stored()).includes('17:1825')) {
        if (Date.now() - waitStarted > 60_000) throw new Error(`no 17-minute row in 60 s: ${await stored()}`);
        await sleep(250);
      }
      // the standard windows at the overview's targets (the API's and the autopilot's), and the asked one
      // at its target only
      expect(await stored()).toEqual(['17:1825', '30:1825', '30:1826', '60:1825', '60:1826']);
      expect(await stored(groupId)).toEqual(['17:1825', '30:1825', '30:1826', '60:1825', '60:1826']);
      await worker.stop();
      worker = undefined;
      const [rowAt] = await api.prisma.$queryRawUnsafe<{ at: Date }[]>(
        "SELECT computed_at AS at FROM fleet_summary_snapshot WHERE scope = 'fleet' AND window_minutes = 17",
      );
      for (const scope of [`&groupId=${groupId}`, '']) {
        const served = await summary(`windowMinutes=17${scope}`);
        expect(served.at).toBe(rowAt!.at.toISOString()); // the stored row, not computed again
        await servedEqualsLive(served, `17 minutes${scope}`);
      }
      // the figures are the 17-minute window's: the hour's differ in this data
      expect((await summary('windowMinutes=17')).window.steps).not.toBe(
        (await summary('windowMinutes=60')).window.steps,
      );
    } finally {
      await worker?.stop();
    }
  }, 120_000);

  it('keeps at most FLEET_SUMMARY_ON_DEMAND_MAX asked pairs, the most recently asked first', async () => {
    expect(api.config.fleetSummary.onDemandMax).toBe(4);
    const now = Date.now();
    // asked after every read so far, in this order, one second apart: 20, 25, 35, 40, 45, and 50 at a
    // target of its own (newest)
    const asks = [
      [20, 1825],
      [25, 1825],
      [35, 1825],
      [40, 1825],
      [45, 1825],
      [50, 400],
    ] as const;
    for (const [i, [windowMinutes, lifeTargetDays]] of asks.entries()) {
      await demand.record(windowMinutes, lifeTargetDays, now + i * 1000);
    }
    // the 17-minute window (first test) was asked before all of these: past the cap too
    const { asked } = await refresher.refresh();
    expect(asked).toBeGreaterThanOrEqual(6);
    expect(await stored()).toEqual([
      '30:1825',
      '30:1826',
      '35:1825',
      '40:1825',
      '45:1825',
      '50:400',
      '60:1825',
      '60:1826',
    ]);
    for (const [windowMinutes, lifeTargetDays] of [
      [45, 1825],
      [50, 400],
      [30, 1826],
    ] as const) {
      const served = await summary(`windowMinutes=${windowMinutes}&lifeTargetDays=${lifeTargetDays}`);
      expect(Date.parse(served.at)).toBeLessThan(Date.now() - 1); // stored, not computed now
      await servedEqualsLive(served, `${windowMinutes} minutes, ${lifeTargetDays} days`);
    }
    // not kept: computed live (and that read is itself an ask, the newest)
    const before = Date.now();
    const live = await summary('windowMinutes=20');
    expect(Date.parse(live.at)).toBeGreaterThanOrEqual(before);
  });

  it('drops a window not asked within FLEET_SUMMARY_ON_DEMAND_MINUTES from the refresh', async () => {
    const recency = api.config.fleetSummary.onDemandRecencyMs;
    expect(recency).toBe(15 * 60_000);
    // refreshes as of an hour from now: every ask of the tests before is past the limit by then
    const at = Date.now() + 3_600_000;
    await demand.record(23, 1825, at - recency - 60_000); // 16 minutes before
    await demand.record(27, 1825, at - recency + 60_000); // 14 minutes before
    await refresher.refresh(new Date(at));
    expect(await stored()).toEqual(['27:1825', '30:1825', '30:1826', '60:1825', '60:1826']);
    // the old asks are gone from Redis too; the recent one stays
    const asked = (await demand.askedSince(0)).map((a) => `${a.windowMinutes}:${a.lifeTargetDays}`);
    expect(asked).toEqual(['27:1825']);
    // ten minutes on, 27 (asked 14 minutes before) is past the limit: its row goes with the next refresh
    await refresher.refresh(new Date(at + 10 * 60_000));
    expect(await stored()).toEqual(
      SUMMARY_SNAPSHOT_WINDOWS.flatMap((w) => [`${w}:1825`, `${w}:1826`]).sort(),
    );
    expect(await demand.askedSince(0)).toEqual([]);
  });

  it('stores the live summary of a window it does not keep, so the next reads are served; not a standard window', async () => {
    const before = Date.now();
    const first = await summary(`windowMinutes=33&groupId=${groupId}`);
    expect(Date.parse(first.at)).toBeGreaterThanOrEqual(before); // live
    const again = await summary(`windowMinutes=33&groupId=${groupId}`);
    expect(again).toEqual(first); // the row stored with it, not computed again
    await servedEqualsLive(again, '33 minutes, stored by the API');
    // the worker's refresh keeps it (asked) and replaces the row with its own, newer
    const refreshed = new Date();
    await refresher.refresh(refreshed);
    expect((await summary(`windowMinutes=33&groupId=${groupId}`)).at).toBe(refreshed.toISOString());
    // a refresh storing the same row at that moment (uncommitted) is not waited for: answered live, not stored
    const refreshing = new pg.Client({ connectionString: database.url });
    await refreshing.connect();
    try {
      await refreshing.query('BEGIN');
      await refreshing.query(
        `INSERT INTO fleet_summary_snapshot (scope, window_minutes, life_target_days, computed_at, duration_ms, figures)
         VALUES ('fleet', 41, 1825, now(), 0, '{}')`,
      );
      const sent = Date.now();
      const answered = await summary('windowMinutes=41');
      expect(Date.parse(answered.at)).toBeGreaterThanOrEqual(sent);
      await refreshing.query('ROLLBACK');
    } finally {
      await refreshing.end();
    }
    expect(await stored()).not.toContain('41:1825');
    // a standard window whose row is too old is computed live on every read, and not stored by the API
    const expired = new Date(Date.now() - 180_000);
    await refresher.refresh(expired);
    for (let i = 0; i < 2; i++) {
      const at = Date.now();
      expect(Date.parse((await summary('windowMinutes=30')).at)).toBeGreaterThanOrEqual(at);
    }
    const [row] = await api.prisma.$queryRawUnsafe<{ at: Date }[]>(
      "SELECT computed_at AS at FROM fleet_summary_snapshot WHERE scope = 'fleet' AND window_minutes = 30 AND life_target_days = 1825",
    );
    expect(row!.at).toEqual(expired);
  });

  it('refuses a bad window naming the field, and records nothing for it', async () => {
    const before = Date.now();
    for (const bad of ['4', '10081', '17.5', 'soon', '-30']) {
      expect(refusedFields(await get(`windowMinutes=${bad}`)), bad).toEqual(['windowMinutes']);
    }
    expect(refusedFields(await get('windowMinutes=17&lifeTargetDays=0'))).toEqual(['lifeTargetDays']);
    expect(await demand.askedSince(before)).toEqual([]);
  });
});
