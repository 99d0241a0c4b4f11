import type { TelemetryExportRecord } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

export interface TelemetryExportFilter {
  robotId?: string | undefined;
  groupId?: string | undefined;
  since: Date;
  until: Date;
  /** Only records after this (robot id, seq), exclusive: where the previous page ended. */
  after?: { robotId: string; seq: bigint } | undefined;
  limit: number;
}

interface ExportRow {
  robot_id: string;
  seq: string;
  window_start: Date;
  window_end: Date;
  steps: number;
  writes: number;
  tau: number;
  policy_version_id: string | null;
  state_bytes: number;
  kv_equivalent_bytes: string;
  flash_bytes_written: string;
  wear_fraction: number;
  device_wear_source: string | null;
  device_wear_value: number | null;
  episodes_completed: number;
  episodes_succeeded: number;
  latency_p50_us: number;
  latency_p99_us: number;
  received_at: Date;
}

/**
 * Raw telemetry records for export, read-only. Keyset paging on the primary key's prefix
 * (robot_id, seq): each page is an index range scan of the partitions inside [since, until), so a
 * page costs the same at the end of a large export as at its start.
 */
@Injectable()
export class TelemetryExportRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async page(filter: TelemetryExportFilter): Promise<TelemetryExportRecord[]> {
    const { rows } = await this.db.pool.query<ExportRow>(
      `SELECT robot_id, seq::text AS seq, window_start, window_end, steps, writes, tau, policy_version_id,
              state_bytes, kv_equivalent_bytes::text AS kv_equivalent_bytes,
              flash_bytes_written::text AS flash_bytes_written, wear_fraction, device_wear_source,
              device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us,
              received_at
         FROM telemetry_record t
        WHERE t.window_start >= $1 AND t.window_start < $2
          AND ($3::uuid IS NULL OR t.robot_id = $3::uuid)
          AND ($4::uuid IS NULL OR t.robot_id IN (SELECT robot_id FROM robot_group_member WHERE group_id = $4::uuid))
          AND ($5::uuid IS NULL OR (t.robot_id, t.seq) > ($5::uuid, $6::bigint))
        ORDER BY t.robot_id, t.seq
        LIMIT $7`,
      [
        filter.since,
        filter.until,
        filter.robotId ?? null,
        filter.groupId ?? null,
        filter.after?.robotId ?? null,
        filter.after?.seq.toString() ?? null,
        filter.limit,
      ],
    );
    return rows.map((row) => ({
      robotId: row.robot_id,
      seq: Number(row.seq),
      windowStart: row.window_start.toISOString(),
      windowEnd: row.window_end.toISOString(),
      steps: row.steps,
      writes: row.writes,
      tau: row.tau,
      policyVersionId: row.policy_version_id,
      stateBytes: row.state_bytes,
      kvEquivalentBytes: Number(row.kv_equivalent_bytes),
      flashBytesWritten: Number(row.flash_bytes_written),
      wearFraction: row.wear_fraction,
      deviceWearSource: row.device_wear_source,
      deviceWearValue: row.device_wear_value,
      episodesCompleted: row.episodes_completed,
      episodesSucceeded: row.episodes_succeeded,
      latencyP50Us: row.latency_p50_us,
      latencyP99Us: row.latency_p99_us,
      receivedAt: row.received_at.toISOString(),
    }));
  }

  async groupExists(id: string): Promise<boolean> {
    return (await this.db.client.robotGroup.findUnique({ where: { id }, select: { id: true } })) !== null;
  }
}
