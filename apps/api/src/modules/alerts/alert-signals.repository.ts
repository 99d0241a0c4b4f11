import type { AlertRuleParams, AlertScope, AlertSignal, RolloutAlertEvent } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { toWirePersistMode } from '../../common/persist-mode.js';
import { Database } from '../../infrastructure/database.js';

/**
 * The SQL behind each rule kind. Every query aggregates in PostgreSQL and returns only subjects past
 * the threshold or inside the hysteresis band (docs/alerts.md), so an evaluation over 100,000 robots
 * moves a handful of rows, not the fleet.
 */
function robotScope(scope: AlertScope, params: unknown[]): string {
  if (scope.type === 'group') {
    params.push(scope.groupId);
    return `r.id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $${params.length}::uuid)`;
  }
  if (scope.type === 'tag') {
    params.push(scope.tag);
    return `$${params.length} = ANY (r.tags)`;
  }
  return 'TRUE';
}

function rolloutScope(scope: AlertScope, params: unknown[]): string {
  if (scope.type === 'group') {
    params.push(scope.groupId);
    return `(r.spec -> 'target' -> 'groupIds') ? $${params.length}`;
  }
  if (scope.type === 'tag') {
    params.push(scope.tag);
    return `(r.spec -> 'target' -> 'tags') ? $${params.length}`;
  }
  return 'TRUE';
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Prefixes of the rollout engine's automatic pause reasons (rollouts.service.ts). */
const FAILED_PAUSE = 'health gate failed';
const INCONCLUSIVE_PAUSE = 'inconclusive past its deadline';

@Injectable()
export class AlertSignalsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async flashLife(
    scope: AlertScope,
    p: AlertRuleParams['flash_life_below'],
    now: Date,
  ): Promise<AlertSignal[]> {
    const perRobot = p.mode === 'per_robot';
    const limit = perRobot ? p.thresholdDays * (1 + p.hysteresisPercent / 100) : p.thresholdDays;
    const params: unknown[] = [new Date(now.getTime() - p.windowMinutes * 60_000), limit];
    const where = robotScope(scope, params);
    const { rows } = await this.db.pool.query<{ id: string; name: string; life_days: number }>(
      `WITH targets AS (SELECT r.id, r.name FROM robot r WHERE ${where}),
       recent AS (
         SELECT t.robot_id, max(t.wear_fraction) AS wear_now,
                (max(t.wear_fraction) - min(t.wear_fraction))
                  / NULLIF(extract(epoch FROM max(t.window_end) - min(t.window_start)) / 86400.0, 0) AS wear_per_day
           FROM telemetry_record t JOIN targets ON targets.id = t.robot_id
          WHERE t.window_start >= $1
          GROUP BY t.robot_id)
       SELECT targets.id, targets.name, (1 - recent.wear_now) / recent.wear_per_day AS life_days
         FROM targets JOIN recent ON recent.robot_id = targets.id
        WHERE recent.wear_per_day > 0 AND (1 - recent.wear_now) / recent.wear_per_day < $2
        ORDER BY life_days, targets.name`,
      params,
    );
    if (perRobot) {
      return rows.map((row) => ({
        subjectType: 'robot',
        subjectId: row.id,
        subjectName: row.name,
        value: round(row.life_days),
        state: row.life_days < p.thresholdDays ? 'breach' : 'hold',
        summary: `projected flash life ${round(row.life_days)} days (threshold ${p.thresholdDays})`,
      }));
    }
    const count = rows.length;
    const clearBelow = p.minRobots * (1 - p.hysteresisPercent / 100);
    if (count === 0 || count < clearBelow) return [];
    const worst = rows
      .slice(0, 5)
      .map((row) => `${row.name} ${round(row.life_days)} d`)
      .join(', ');
    return [
      {
        ...(await this.scopeSubject(scope)),
        value: count,
        state: count >= p.minRobots ? 'breach' : 'hold',
        summary: `${count} robot${count === 1 ? '' : 's'} with projected flash life below ${p.thresholdDays} days (shortest: ${worst})`,
      },
    ];
  }

  async writeRate(
    scope: AlertScope,
    p: AlertRuleParams['write_rate_increase'],
    now: Date,
  ): Promise<AlertSignal[]> {
    const recentStart = new Date(now.getTime() - p.windowMinutes * 60_000);
    const baselineStart = new Date(recentStart.getTime() - p.baselineHours * 3_600_000);
    const clearAt = p.thresholdPercent * (1 - p.hysteresisPercent / 100);
    const params: unknown[] = [recentStart, baselineStart, p.minSteps, clearAt];
    const where = robotScope(scope, params);
    const { rows } = await this.db.pool.query<{
      id: string;
      name: string;
      pct: number;
      recent_wps: number;
      base_wps: number;
    }>(
      `WITH targets AS (SELECT r.id, r.name FROM robot r WHERE ${where}),
       w AS (
         SELECT t.robot_id,
                sum(t.steps) FILTER (WHERE t.window_start >= $1) AS rs,
                sum(t.writes) FILTER (WHERE t.window_start >= $1) AS rw,
                sum(t.steps) FILTER (WHERE t.window_start < $1) AS bs,
                sum(t.writes) FILTER (WHERE t.window_start < $1) AS bw
           FROM telemetry_record t JOIN targets ON targets.id = t.robot_id
          WHERE t.window_start >= $2
          GROUP BY t.robot_id),
       x AS (
         SELECT targets.id, targets.name, w.rw::float8 / w.rs AS recent_wps, w.bw::float8 / w.bs AS base_wps
           FROM targets JOIN w ON w.robot_id = targets.id
          WHERE w.rs >= $3 AND w.bs >= $3 AND w.bw > 0)
       SELECT id, name, recent_wps, base_wps, (recent_wps / base_wps - 1) * 100 AS pct
         FROM x WHERE (recent_wps / base_wps - 1) * 100 > $4
        ORDER BY pct DESC, name`,
      params,
    );
    return rows.map((row) => ({
      subjectType: 'robot',
      subjectId: row.id,
      subjectName: row.name,
      value: round(row.pct),
      state: row.pct > p.thresholdPercent ? 'breach' : 'hold',
      summary: `write rate up ${round(row.pct)} % (${round(row.recent_wps, 4)} vs ${round(row.base_wps, 4)} writes/step over the previous ${p.baselineHours} h)`,
    }));
  }

  async silent(scope: AlertScope, p: AlertRuleParams['robot_silent'], now: Date): Promise<AlertSignal[]> {
    const params: unknown[] = [new Date(now.getTime() - p.minutes * 60_000), now];
    const where = robotScope(scope, params);
    const { rows } = await this.db.pool.query<{
      id: string;
      name: string;
      minutes: number;
      never: boolean;
    }>(
      `SELECT r.id, r.name, r.last_seen_at IS NULL AS never,
              extract(epoch FROM $2::timestamptz - coalesce(r.last_seen_at, r.enrolled_at)) / 60 AS minutes
         FROM robot r
        WHERE ${where} AND coalesce(r.last_seen_at, r.enrolled_at) < $1
        ORDER BY minutes DESC, r.name`,
      params,
    );
    return rows.map((row) => ({
      subjectType: 'robot',
      subjectId: row.id,
      subjectName: row.name,
      value: Math.floor(row.minutes),
      state: 'breach',
      summary: row.never
        ? `never reported since enrolment ${Math.floor(row.minutes)} minutes ago`
        : `silent for ${Math.floor(row.minutes)} minutes`,
    }));
  }

  /**
   * Robots whose agent's latest report (PUT /v1/agent/report, sent at start and whenever its outbox
   * counters change), received within the window, counts at least `minRecords` telemetry records the
   * robot could not deliver: dropped (lost) plus quarantined (refused by the API, kept aside).
   */
  async telemetryDropped(
    scope: AlertScope,
    p: AlertRuleParams['telemetry_dropped'],
    now: Date,
  ): Promise<AlertSignal[]> {
    const params: unknown[] = [new Date(now.getTime() - p.windowMinutes * 60_000), p.minRecords];
    const where = robotScope(scope, params);
    const { rows } = await this.db.pool.query<{
      id: string;
      name: string;
      dropped: string;
      quarantined: string;
    }>(
      `SELECT r.id, r.name, a.outbox ->> 'dropped' AS dropped, a.outbox ->> 'quarantined' AS quarantined
         FROM robot r JOIN robot_agent_report a ON a.robot_id = r.id
        WHERE ${where} AND a.reported_at >= $1
          AND (a.outbox ->> 'dropped')::bigint + (a.outbox ->> 'quarantined')::bigint >= $2
        ORDER BY (a.outbox ->> 'dropped')::bigint + (a.outbox ->> 'quarantined')::bigint DESC, r.name`,
      params,
    );
    return rows.map((row) => {
      const dropped = Number(row.dropped);
      const quarantined = Number(row.quarantined);
      return {
        subjectType: 'robot',
        subjectId: row.id,
        subjectName: row.name,
        value: dropped + quarantined,
        state: 'breach',
        summary: `agent reports ${dropped + quarantined} telemetry records not delivered: ${dropped} dropped, ${quarantined} quarantined`,
      };
    });
  }

  async rollouts(scope: AlertScope, p: AlertRuleParams['rollout_event'], now: Date): Promise<AlertSignal[]> {
    const params: unknown[] = [new Date(now.getTime() - p.holdMinutes * 60_000)];
    const where = rolloutScope(scope, params);
    const { rows } = await this.db.pool.query<{
      id: string;
      name: string;
      status: string;
      status_reason: string | null;
      verdict: string | null;
    }>(
      `SELECT r.id, r.name, r.status::text AS status, r.status_reason, v.result::text AS verdict
         FROM rollout r
         LEFT JOIN LATERAL (SELECT result FROM rollout_verdict WHERE rollout_id = r.id ORDER BY id DESC LIMIT 1) v
           ON TRUE
        WHERE (r.status = 'paused' OR (r.status = 'rolled_back' AND r.ended_at >= $1)) AND ${where}
        ORDER BY r.name`,
      params,
    );
    const signals: AlertSignal[] = [];
    for (const row of rows) {
      const reason = row.status_reason ?? '';
      const events = new Set<RolloutAlertEvent>();
      if (row.status === 'rolled_back') events.add('rolled_back');
      if (row.verdict === 'fail' && (row.status === 'rolled_back' || reason.startsWith(FAILED_PAUSE))) {
        events.add('failed');
      }
      if (
        row.status === 'paused' &&
        row.verdict === 'inconclusive' &&
        reason.startsWith(INCONCLUSIVE_PAUSE)
      ) {
        events.add('paused_inconclusive');
      }
      const matched = p.events.filter((event) => events.has(event));
      if (matched.length === 0) continue;
      const what =
        row.status === 'rolled_back'
          ? 'rolled back'
          : matched.includes('failed')
            ? 'failed and paused'
            : 'paused as inconclusive';
      signals.push({
        subjectType: 'rollout',
        subjectId: row.id,
        subjectName: row.name,
        value: null,
        state: 'breach',
        summary: `rollout ${what}: ${reason}`.slice(0, 1900),
      });
    }
    return signals;
  }

  /**
   * The autopilot's proposals (draft rollouts) waiting for an operator longer than `minutes`, one
   * alert each; a group or tag scope keeps proposals moving at least one of its robots. Approving or
   * dismissing one resolves its alert.
   */
  async autopilotProposals(
    scope: AlertScope,
    p: AlertRuleParams['autopilot_proposal_waiting'],
    now: Date,
  ): Promise<AlertSignal[]> {
    const params: unknown[] = [new Date(now.getTime() - p.minutes * 60_000)];
    const where = robotScope(scope, params);
    const { rows } = await this.db.pool.query<{
      id: string;
      rollout_id: string | null;
      rollout_name: string | null;
      tau: number;
      persist_mode: string;
      robots: number;
      below_target: number;
      waiting_minutes: number;
    }>(
      `SELECT p.id, p.rollout_id, ro.name AS rollout_name, p.tau, p.persist_mode::text AS persist_mode,
              cardinality(p.robot_ids) AS robots, p.below_target,
              extract(epoch FROM (now() - p.created_at)) / 60 AS waiting_minutes
         FROM autopilot_proposal p
         LEFT JOIN rollout ro ON ro.id = p.rollout_id
        WHERE p.status = 'pending' AND p.created_at <= $1
          AND EXISTS (SELECT 1 FROM robot r WHERE r.id = ANY (p.robot_ids) AND ${where})
        ORDER BY p.created_at`,
      params,
    );
    return rows.map((row) => ({
      subjectType: 'rollout' as const,
      subjectId: row.rollout_id ?? row.id,
      subjectName: row.rollout_name ?? `autopilot proposal ${row.id}`,
      value: round(Number(row.waiting_minutes)),
      state: 'breach' as const,
      summary:
        `autopilot proposal waiting ${Math.floor(Number(row.waiting_minutes))} min for approval: τ ${row.tau} ` +
        `with ${toWirePersistMode(row.persist_mode) ?? row.persist_mode} on ${row.robots} robot(s), ${row.below_target} short of their flash-life target`,
    }));
  }

  /**
   * Trusted config-signing keys (standby or active) whose planned retirement (set by an admin, PUT
   * /v1/config-signing-keys/{id}/planned-retirement) is within `daysBefore` days, or already past, one
   * alert per key. The summary says when, whether the key still signs every config (active), and how
   * many robots in scope may still trust only this key: not decommissioned, enrolled before the first
   * key set carrying another key trusted now, and not heard from (telemetry) since that key set was
   * signed, so they have not picked it up yet. All robots in scope count when no other key is trusted.
   */
  async signingKeyRetirement(
    scope: AlertScope,
    p: AlertRuleParams['signing_key_retirement'],
    now: Date,
  ): Promise<AlertSignal[]> {
    const params: unknown[] = [new Date(now.getTime() + p.daysBefore * 86_400_000)];
    const where = robotScope(scope, params);
    const { rows } = await this.db.pool.query<{
      id: string;
      key_id: string;
      status: string;
      planned_retirement_at: Date;
      successor_version: number | null;
      robots: string;
    }>(
      `WITH due AS (
         SELECT k.id, k.key_id, k.status::text AS status, k.planned_retirement_at
           FROM config_signing_key k
          WHERE k.status IN ('standby', 'active') AND k.planned_retirement_at <= $1
       ),
       successor AS (
         SELECT due.id,
                (SELECT min(s.version) FROM config_key_set s
                  WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(s.body -> 'keys') e
                                  JOIN config_signing_key o ON o.key_id = e ->> 'keyId'
                                 WHERE o.id <> due.id AND o.status IN ('standby', 'active'))) AS version
           FROM due
       )
       SELECT due.*, successor.version AS successor_version,
              (SELECT count(*) FROM robot r
                WHERE r.decommissioned_at IS NULL AND ${where}
                  AND (successor.version IS NULL
                       OR (coalesce(r.enrolled_key_set_version, 0) < successor.version
                           AND (r.last_seen_at IS NULL OR r.last_seen_at < s.created_at)))) AS robots
         FROM due JOIN successor USING (id)
         LEFT JOIN config_key_set s ON s.version = successor.version
        ORDER BY due.planned_retirement_at, due.key_id`,
      params,
    );
    return rows.map((row) => {
      const days = (row.planned_retirement_at.getTime() - now.getTime()) / 86_400_000;
      const when =
        days >= 0
          ? `planned to retire ${row.planned_retirement_at.toISOString()} (in ${round(days)} days)`
          : `was planned to retire ${row.planned_retirement_at.toISOString()} (${round(-days)} days ago) and is still trusted`;
      const robots = Number(row.robots);
      const signer =
        row.status === 'active'
          ? '; it is the active key and signs every config: create and activate a successor first'
          : '';
      const trust =
        row.successor_version === null
          ? `; no other key is trusted: all ${robots} robot(s) in scope trust only this one`
          : `; ${robots} robot(s) in scope may still trust only this key (not heard from since key set v${row.successor_version}, the first with another key trusted now)`;
      return {
        subjectType: 'signing_key' as const,
        subjectId: row.id,
        subjectName: `signing key ${row.key_id}`,
        value: round(days),
        state: 'breach' as const,
        summary: `key ${row.key_id} ${when}${signer}${trust}`.slice(0, 1900),
      };
    });
  }

  private async scopeSubject(scope: AlertScope) {
    if (scope.type === 'group') {
      const group = await this.db.client.robotGroup.findUnique({
        where: { id: scope.groupId },
        select: { name: true },
      });
      return {
        subjectType: 'group' as const,
        subjectId: scope.groupId,
        subjectName: group?.name ?? scope.groupId,
      };
    }
    if (scope.type === 'tag')
      return { subjectType: 'tag' as const, subjectId: `tag:${scope.tag}`, subjectName: `tag ${scope.tag}` };
    return { subjectType: 'fleet' as const, subjectId: 'fleet', subjectName: 'the fleet' };
  }
}
