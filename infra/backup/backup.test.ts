/**
 * infra/backup/pg-backup.sh against scratch databases of the machine's PostgreSQL: a migrated
 * database with rows in every kind of table (telemetry over several daily partitions, a trigger-
 * guarded table, enum and array columns) is dumped, restored into an empty database, and the two
 * compared table by table — row counts and the rows themselves; the restore keeps the migration
 * history, its functions work, and a restore into a database that has tables is refused.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../scripts/db-migrate.mjs';

const script = path.join(import.meta.dirname, 'pg-backup.sh');
const adminUrl = process.env.AURA_BACKUP_TEST_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const suffix = randomBytes(4).toString('hex');
const source = `aura_backup_src_${suffix}`;
const target = `aura_backup_dst_${suffix}`;
const urlOf = (database: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
};
const work = mkdtempSync(path.join(tmpdir(), 'aura-backup-'));
const dump = path.join(work, 'aura-fleet.dump');
const haveTools = ['pg_dump', 'pg_restore', 'psql'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);

function backupScript(args: string[], database: string) {
  const result = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: urlOf(database) },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withClient<T>(database: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf(database) });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Every table's rows as one digest, so a restore that changes any value shows. */
async function tableDigests(database: string): Promise<Record<string, string>> {
  return withClient(database, async (client) => {
    const tables = await client.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    const digests: Record<string, string> = {};
    for (const { relname } of tables.rows) {
      const { rows } = await client.query<{ digest: string | null }>(
        `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM public."${relname}" t`,
      );
      digests[relname] = rows[0]?.digest ?? 'empty';
    }
    return digests;
  });
}

function parseCounts(stdout: string): Record<string, number> {
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [table, rows] = line.split('\t');
        return [table ?? '', Number(rows)];
      }),
  );
}

/** A small fleet written with SQL: operators and keys, a policy, robots in a group, telemetry over 3 days, audit. */
async function seed(client: pg.Client) {
  await client.query(`
    INSERT INTO operator (name, email, role) VALUES ('Ada', 'ada@example.com', 'admin'), ('Bo', NULL, 'viewer');
    INSERT INTO api_key (operator_id, name, prefix, secret_hash)
      SELECT id, 'cli', 'pfx_' || name, 'hash-' || name FROM operator;
    INSERT INTO robot_group (name, description) VALUES ('site-north', 'north'), ('site-south', NULL);
    INSERT INTO gate_policy (name) VALUES ('backup-test');
    INSERT INTO gate_policy_version (policy_id, version, tau, persist_mode, notes)
      SELECT id, 1, 0.55, 'delta_log', 'quotes '' and \\ backslash' FROM gate_policy WHERE name = 'backup-test';
    INSERT INTO robot (name, secret_prefix, secret_hash, tags, hardware, last_seq)
      SELECT 'robot-' || i, 'rs_' || i, 'h' || i, ARRAY['arm', 'v' || (i % 3)],
             jsonb_build_object('flash', 'emmc', 'i', i), 24
        FROM generate_series(1, 12) i;
    INSERT INTO robot_group_member (robot_id, group_id)
      SELECT r.id, g.id FROM robot r, robot_group g WHERE g.name = 'site-north';
  `);
  // 24 windows per robot spread over today and the two days before: three daily partitions.
  await client.query(`
    INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau,
        policy_version_id, state_bytes, kv_equivalent_bytes, flash_bytes_written, wear_fraction,
        episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
      SELECT r.id, s, w, w + interval '10 seconds', 100 + s, s, 0.5,
             (SELECT id FROM gate_policy_version LIMIT 1), 4224, 1000000, 4224 * s, s / 1000.0, 1, 1, 31.5, 80.25
        FROM robot r, generate_series(1, 24) s,
             LATERAL (SELECT date_trunc('day', now()) - (s % 3) * interval '1 day' + s * interval '1 minute' AS w) AS win;
    INSERT INTO audit_event (actor_type, actor_id, action, target_type, target_id, after)
      SELECT 'system', 'backup-test', 'robot.tag', 'robot', id::text, jsonb_build_object('tags', tags) FROM robot;
  `);
}

describe.skipIf(!haveTools)('infra/backup/pg-backup.sh', () => {
  beforeAll(async () => {
    await withClient('postgres', async (client) => {
      await client.query(`CREATE DATABASE ${source}`);
      await client.query(`CREATE DATABASE ${target}`);
    });
    migrate(`${urlOf(source)}?sslmode=disable`, 'up', { quiet: true });
    await withClient(source, seed);
  }, 120_000);

  afterAll(async () => {
    await withClient('postgres', async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
      await client.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    });
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up, restores into an empty database, and the restore has the same rows in every table', async () => {
    const backup = backupScript(['backup', dump], source);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^backup: .*aura-fleet\.dump/);
    expect(statSync(dump).size).toBeGreaterThan(0);

    const restore = backupScript(['restore', dump], target);
    expect(restore.code, restore.stderr).toBe(0);

    const before = parseCounts(backupScript(['counts'], source).stdout);
    const after = parseCounts(backupScript(['counts'], target).stdout);
    expect(after).toEqual(before);
    // The seed reached what it was meant to: three telemetry partitions, 12 robots × 24 windows.
    expect(before.telemetry_record).toBe(288);
    expect(before.robot).toBe(12);
    const partitions = Object.entries(before).filter(
      ([table, rows]) => table.startsWith('telemetry_record_') && rows > 0,
    );
    expect(partitions.length).toBe(3);
    expect(before.schema_migrations).toBeGreaterThan(0);

    expect(await tableDigests(target)).toEqual(await tableDigests(source));
  });

  it('the restore keeps the migration history and working functions and triggers', async () => {
    // Nothing pending: the migration job would apply only migrations newer than the backup.
    const status = migrate(`${urlOf(target)}?sslmode=disable`, 'status', { quiet: true }) as string;
    expect(status).toMatch(/Pending: 0/);
    await withClient(target, async (client) => {
      const robot = await client.query<{ id: string }>(`SELECT id FROM robot WHERE name = 'robot-1'`);
      const ingest = await client.query<{ accepted: number; last_seq: string }>(
        `SELECT * FROM telemetry_ingest($1, ARRAY[25]::bigint[], ARRAY[now()]::timestamptz[],
           ARRAY[now()]::timestamptz[], ARRAY[10], ARRAY[1], ARRAY[0.5]::float8[], ARRAY[NULL]::uuid[],
           ARRAY[4224], ARRAY[0]::bigint[], ARRAY[0]::bigint[], ARRAY[0]::float8[], ARRAY[NULL]::text[],
           ARRAY[NULL]::float8[], ARRAY[0], ARRAY[0], ARRAY[1]::float8[], ARRAY[2]::float8[], NULL)`,
        [robot.rows[0]?.id],
      );
      expect(ingest.rows[0]?.accepted).toBe(1);
      expect(Number(ingest.rows[0]?.last_seq)).toBe(25);
      await expect(client.query(`UPDATE gate_policy_version SET tau = 0.9`)).rejects.toThrow(/immutable/);
    });
  });

  it('refuses to restore into a database that has tables', () => {
    const again = backupScript(['restore', dump], target);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already has \d+ tables/);
  });

  it('leaves no archive behind when the dump fails', () => {
    const failed = backupScript(
      ['backup', path.join(work, 'missing.dump')],
      `aura_backup_nonexistent_${suffix}`,
    );
    expect(failed.code).not.toBe(0);
    expect(spawnSync('ls', [work]).stdout.toString()).not.toMatch(/missing\.dump/);
  });
});
