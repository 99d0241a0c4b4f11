import type { TelemetryRecord } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '../../infrastructure/prisma.service.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  lastSeq: number;
}

const DAY_MS = 86_400_000;
/** The UTC day of a validated ISO-8601 timestamp; a `Z` timestamp starts with it (no Date needed). */
const utcDay = (iso: string) =>
  iso.endsWith('Z')
    ? iso.slice(0, 10)
    : new Date(Math.floor(Date.parse(iso) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** `{1,2,NULL}`: finite numbers (the wire schema refuses others) print as valid PostgreSQL numerics. */
function numberArray<R>(rows: readonly R[], pick: (row: R) => number | undefined): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i]!);
    if (i > 0) out += ',';
    out += value === undefined || value === null ? 'NULL' : String(value);
  }
  return `${out}}`;
}

/** `{"a","b",NULL}` with `"` and `\\` escaped, as PostgreSQL's array input expects. */
function textArray<R>(rows: readonly R[], pick: (row: R) => string | undefined): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const value = pick(rows[i]!);
    if (i > 0) out += ',';
    out += value === undefined || value === null ? 'NULL' : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/**
 * Telemetry storage. Ingest is one call per batch of the SQL function telemetry_ingest (migration
 * 20261124034000): it locks the robot's row (batches of one robot are serialised), inserts from
 * column arrays (`unnest`) the records whose seq is above robot.last_seq or not stored yet, into the
 * day-partitioned telemetry_record, and updates the robot's latest state — atomic, idempotent and
 * one round trip. Daily partitions are created on demand.
 */
@Injectable()
export class TelemetryRepository {
  /** Days whose partition this process knows to exist. */
  private readonly knownDays = new Set<string>();

  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async ingest(robotId: string, records: readonly TelemetryRecord[]): Promise<IngestResult> {
    await this.ensurePartitions(records);
    try {
      return await this.insert(robotId, records);
    } catch (error) {
      // 23514: no partition for a row — retention dropped one this process still believed in.
      if ((error as { code?: string }).code !== '23514') throw error;
      this.knownDays.clear();
      await this.ensurePartitions(records);
      return this.insert(robotId, records);
    }
  }

  private async ensurePartitions(records: readonly TelemetryRecord[]) {
    const missing = [...new Set(records.map((r) => utcDay(r.windowStart)))].filter(
      (d) => !this.knownDays.has(d),
    );
    for (const day of missing) {
      await this.prisma.pool.query('SELECT telemetry_ensure_partition($1::date)', [day]);
      this.knownDays.add(day);
    }
  }

  /** Creates partitions for the coming days and drops those past retention. */
  async maintain(retentionDays: number, now = new Date()) {
    const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
    for (let offset = 0; offset <= 7; offset++) {
      await this.prisma.pool.query('SELECT telemetry_ensure_partition($1::date)', [
        new Date(today.getTime() + offset * DAY_MS).toISOString().slice(0, 10),
      ]);
    }
    const cutoff = new Date(today.getTime() - retentionDays * DAY_MS).toISOString().slice(0, 10);
    const { rows } = await this.prisma.pool.query<{ dropped: number }>(
      'SELECT telemetry_drop_partitions_before($1::date) AS dropped',
      [cutoff],
    );
    this.knownDays.clear();
    return { cutoff, droppedPartitions: rows[0]?.dropped ?? 0 };
  }

  private async insert(robotId: string, records: readonly TelemetryRecord[]): Promise<IngestResult> {
    // Column arrays as PostgreSQL array literals, built here: node-postgres' generic array encoding
    // (escaping every element) cost more CPU than the rest of the request's database work.
    const num = (pick: (r: TelemetryRecord) => number | undefined) => numberArray(records, pick);
    const text = (pick: (r: TelemetryRecord) => string | undefined) => textArray(records, pick);
    const { rows } = await this.prisma.pool.query<{ accepted: number; last_seq: string }>({
      // Named: parsed once per connection; the function's own statements are planned once too.
      name: 'telemetry_ingest',
      text: `SELECT accepted, last_seq FROM telemetry_ingest($1::uuid, $2::bigint[], $3::timestamptz[],
               $4::timestamptz[], $5::int[], $6::int[], $7::float8[], $8::text[], $9::int[], $10::bigint[],
               $11::bigint[], $12::float8[], $13::text[], $14::float8[], $15::int[], $16::int[], $17::float8[],
               $18::float8[], $19::jsonb)`,
      values: [
        robotId,
        num((r) => r.seq),
        text((r) => r.windowStart),
        text((r) => r.windowEnd),
        num((r) => r.steps),
        num((r) => r.writes),
        num((r) => r.tau),
        text((r) => r.policyVersion),
        num((r) => r.stateBytes),
        num((r) => r.kvEquivalentBytes),
        num((r) => r.flashBytesWritten),
        num((r) => r.wearFraction),
        text((r) => r.deviceWear?.source),
        num((r) => r.deviceWear?.value),
        num((r) => r.episodes.completed),
        num((r) => r.episodes.succeeded),
        num((r) => r.stepLatencyUs.p50),
        num((r) => r.stepLatencyUs.p99),
        JSON.stringify(records.reduce((max, r) => (r.seq > max.seq ? r : max))),
      ],
    });
    const accepted = Number(rows[0]?.accepted ?? 0);
    return { accepted, duplicates: records.length - accepted, lastSeq: Number(rows[0]?.last_seq ?? 0) };
  }

  /** Time-bucketed series for one robot, a group, or the whole fleet. */
  async series(filter: { robotId?: string; groupId?: string; from: Date; to: Date; bucketSeconds: number }) {
    const { rows } = await this.prisma.pool.query(
      `SELECT date_bin(make_interval(secs => $3), t.window_start, TIMESTAMPTZ '2000-01-01') AS bucket,
              count(DISTINCT t.robot_id)::int AS robots,
              sum(t.steps)::bigint AS steps,
              sum(t.writes)::bigint AS writes,
              avg(t.tau) AS tau,
              sum(t.flash_bytes_written)::bigint AS flash_bytes,
              max(t.wear_fraction) AS max_wear_fraction,
              avg(t.wear_fraction) AS avg_wear_fraction,
              max(t.device_wear_value) AS max_device_wear,
              sum(t.episodes_completed)::bigint AS episodes_completed,
              sum(t.episodes_succeeded)::bigint AS episodes_succeeded,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY t.latency_p50_us) AS latency_p50_us,
              max(t.latency_p99_us) AS latency_p99_us
         FROM telemetry_record t
        WHERE t.window_start >= $1 AND t.window_start < $2
          AND ($4::uuid IS NULL OR t.robot_id = $4::uuid)
          AND ($5::uuid IS NULL OR t.robot_id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $5::uuid))
        GROUP BY 1
        ORDER BY 1`,
      [filter.from, filter.to, filter.bucketSeconds, filter.robotId ?? null, filter.groupId ?? null],
    );
    return rows.map((row) => {
      const steps = Number(row.steps);
      const writes = Number(row.writes);
      const completed = Number(row.episodes_completed);
      return {
        bucket: (row.bucket as Date).toISOString(),
        robots: row.robots as number,
        steps,
        writes,
        writesPerStep: steps > 0 ? writes / steps : null,
        writeRatePerSecond: writes / filter.bucketSeconds,
        tau: row.tau === null ? null : Number(row.tau),
        flashBytes: Number(row.flash_bytes),
        maxWearFraction: Number(row.max_wear_fraction),
        avgWearFraction: Number(row.avg_wear_fraction),
        maxDeviceWear: row.max_device_wear === null ? null : Number(row.max_device_wear),
        episodesCompleted: completed,
        successRate: completed > 0 ? Number(row.episodes_succeeded) / completed : null,
        latencyP50Us: row.latency_p50_us === null ? null : Number(row.latency_p50_us),
        latencyP99Us: row.latency_p99_us === null ? null : Number(row.latency_p99_us),
      };
    });
  }
}
