import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiClient } from '@aura/api-client';
import { TELEMETRY_EXPORT_COLUMNS } from '@aura/core/schemas';
import { freePort } from '@aura/testing';
import type { Command } from 'commander';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliContext } from '../src/context.js';
import { EXIT } from '../src/exit-codes.js';
import { buildProgram } from '../src/run.js';
import { aura, type CliResult, startApi } from './support/api-stack.js';

const HOUR = 3_600_000;
const cliDir = path.resolve(import.meta.dirname, '..');

/** Every command of the tree, by its path (`rollouts status`). */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const here = [...prefix, sub.name()];
    return sub.commands.length ? commandPaths(sub, here) : [here];
  });
}

describe('aura CLI against a real API process', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let env: { AURA_API_URL: string; AURA_API_KEY: string; HOME: string };
  let home: string;
  const robots: { robotId: string; robotSecret: string }[] = [];

  const cli = (...argv: string[]) => aura(argv, { env });
  const cliJson = async <T = unknown>(...argv: string[]): Promise<T> => {
    const result = await aura(['-o', 'json', ...argv], { env });
    expect(result.code, result.stderr).toBe(0);
    return result.json<T>();
  };
  const noStack = (result: CliResult) => {
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(result.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
  };

  beforeAll(async () => {
    api = await startApi();
    home = await mkdtemp(path.join(tmpdir(), 'aura-cli-'));
    env = { AURA_API_URL: api.url, AURA_API_KEY: api.adminKey, HOME: home };
  });
  afterAll(async () => {
    await api?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('has --help with examples on every command, and exit codes in the top-level help', async () => {
    const ctx = new CliContext(
      { stdout: process.stdout, stderr: process.stderr },
      {},
      undefined,
      Date.now,
      async () => {},
      async () => '',
    );
    const paths = commandPaths(buildProgram(ctx));
    expect(paths.length).toBeGreaterThanOrEqual(25);
    for (const command of [[], ...paths.map((p) => p.slice(0, 1)), ...paths]) {
      const help = await aura([...command, '--help'], { env: {} });
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout, command.join(' ')).toContain('Examples:');
      expect(help.stdout).toMatch(/\$ .*aura /);
    }
    expect((await aura(['--help'], { env: {} })).stdout).toMatch(/Exit codes: 0 ok.*\n.*10 rolled/s);
  });

  it('refuses bad arguments before calling the API (exit 2), and says what is missing without a config (exit 3)', async () => {
    const offline = { AURA_API_URL: 'http://127.0.0.1:9', AURA_API_KEY: 'aura_ak_x', HOME: home };
    for (const argv of [
      ['robots', 'get', 'not-a-uuid'],
      ['robots', 'list', '--limit', '0'],
      ['robots', 'list', '--status', 'asleep'],
      ['policies', 'create', '--name', 'x', '--tau', '1.5'],
      ['rollouts', 'pause', '0b6c1a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c'],
      ['telemetry', 'export', '--since', 'yesterday'],
      ['audit', 'list', '--actor-type', 'human'],
      ['robots', 'frobnicate'],
      ['signing-keys', 'plan-retirement', '0b6c1a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c', '--reason', 'x'],
      [
        'signing-keys',
        'plan-retirement',
        '0b6c1a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c',
        '--at',
        'soon',
        '--reason',
        'x',
      ],
    ]) {
      const result = await aura(argv, { env: offline });
      expect(result.code, argv.join(' ')).toBe(EXIT.usage);
      expect(result.stderr, argv.join(' ')).toMatch(/error|invalid|must/i);
      noStack(result);
    }
    const tauDetail = await aura(['policies', 'create', '--name', 'Bad Name', '--tau', '0.5'], {
      env: offline,
    });
    expect(tauDetail.code).toBe(EXIT.usage);
    expect(tauDetail.stderr).toContain('name: must be 1-100 lowercase letters');

    const none = await aura(['robots', 'list'], { env: { HOME: home } });
    expect(none.code).toBe(EXIT.auth);
    expect(none.stderr).toContain('AURA_API_URL');
    expect(none.stderr).toContain('AURA_API_KEY');
  });

  it('reports an unreachable API (exit 6), a refused key (exit 3) and an unknown id (exit 4) in one line each', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const down = await aura(['robots', 'list'], { env: { ...env, AURA_API_URL: closed } });
    expect(down.code).toBe(EXIT.unreachable);
    expect(down.stderr).toBe(`aura: cannot reach the API at ${closed} (ECONNREFUSED)\n`);
    const badKey = await aura(['robots', 'list'], { env: { ...env, AURA_API_KEY: 'aura_ak_nope' } });
    expect(badKey.code).toBe(EXIT.auth);
    expect(badKey.stderr).toContain('HTTP 401');
    const missing = await cli('robots', 'get', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(EXIT.notFound);
    expect(missing.stderr).toContain('Robot not found');
    for (const r of [down, badKey, missing]) noStack(r);
  });

  it('saves a profile 0600 after checking the key, uses it, and refuses a profile file others can read', async () => {
    const file = path.join(home, 'profiles.json');
    const profileEnv = { HOME: home, AURA_CONFIG_FILE: file };
    const saved = await aura(['--api-url', api.url, '--profile', 'ci', 'configure', '--api-key-stdin'], {
      env: profileEnv,
      stdin: `${api.adminKey}\n`,
    });
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('as E2E Admin (admin)');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const byProfile = await aura(['--profile', 'ci', 'policies', 'list'], { env: profileEnv });
    expect(byProfile.code, byProfile.stderr).toBe(0);
    expect(byProfile.stdout).toContain('default');
    const byDefault = await aura(['policies', 'list'], { env: profileEnv }); // "ci" became the default
    expect(byDefault.code).toBe(0);
    const wrongKey = await aura(['--api-url', api.url, 'configure'], {
      env: { ...profileEnv, AURA_API_KEY: 'aura_ak_wrong' },
    });
    expect(wrongKey.code).toBe(EXIT.auth);
    await chmod(file, 0o644);
    const unsafe = await aura(['policies', 'list'], { env: profileEnv });
    expect(unsafe.code).toBe(EXIT.auth);
    expect(unsafe.stderr).toContain(`chmod 600 ${file}`);
    const unknown = await aura(['--profile', 'nope', 'policies', 'list'], { env: { ...profileEnv } });
    expect(unknown.code).toBe(EXIT.auth);
  });

  it('creates, lists and revokes enrolment tokens; robots enrol with them', async () => {
    const group = await createApiClient({ baseUrl: api.url, token: api.adminKey }).POST('/v1/groups', {
      body: { name: 'site-north' },
    });
    expect(group.response.status).toBe(201);
    const created = await cli(
      'tokens',
      'create',
      '--name',
      'line 3',
      '--group',
      'site-north',
      '--tag',
      'emmc',
      '--uses',
      '4',
      '--expires-in',
      '2d',
    );
    expect(created.code, created.stderr).toBe(0);
    const token = /\n(aura_et_\S+)\n/.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    for (let i = 0; i < 3; i++) {
      const enrolled = await fetch(`${api.url}/v1/agent/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentToken: token, name: `cli-robot-${i}` }),
      });
      expect(enrolled.status).toBe(201);
      robots.push((await enrolled.json()) as { robotId: string; robotSecret: string });
    }
    const listed = await cliJson<{
      items: { id: string; uses: number; tags: string[]; groupId: string | null }[];
    }>('tokens', 'list');
    const mine = listed.items.find((t) => t.uses === 3)!;
    expect(mine).toMatchObject({ tags: ['emmc'], groupId: group.data!.id });
    const table = await cli('tokens', 'list');
    expect(table.stdout).toMatch(/line 3 .* 3\/4 .* active/);
    const revoked = await cli('tokens', 'revoke', mine.id);
    expect(revoked.code).toBe(0);
    expect((await cli('tokens', 'list')).stdout).toMatch(/line 3 .* revoked/);
    // paged: one token a page, the rest with --all
    for (const name of ['spare-1', 'spare-2'])
      expect((await cli('tokens', 'create', '--name', name)).code).toBe(0);
    const firstPage = await cli('tokens', 'list', '--limit', '1');
    expect(firstPage.stdout).toContain('spare-2');
    expect(firstPage.stderr).toMatch(/showing 1 of (\d+); --cursor \S+ for the next page, or --all/);
    const total = Number(/of (\d+)/.exec(firstPage.stderr)![1]);
    const cursor = /--cursor (\S+)/.exec(firstPage.stderr)![1]!;
    const secondPage = await cli('tokens', 'list', '--limit', '1', '--cursor', cursor);
    expect(secondPage.stdout).toContain('spare-1');
    expect(secondPage.stdout).not.toContain('spare-2');
    const everyPage = await cliJson<{ total: number; items: { id: string }[] }>(
      'tokens',
      'list',
      '--limit',
      '1',
      '--all',
    );
    expect(everyPage.total).toBe(total);
    expect(new Set(everyPage.items.map((t) => t.id)).size).toBe(total);
    const refused = await cli('tokens', 'create', '--name', 'x', '--tag', 'Not OK');
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toContain('tags[0]: must be 1-63 lowercase');
  });

  it('lists robots page by page and shows one', async () => {
    type Page = {
      total: number;
      totalExact: boolean;
      nextCursor?: string;
      items: { id: string; name: string }[];
    };
    const page = await cliJson<Page>('robots', 'list', '--limit', '2');
    expect(page).toMatchObject({ total: 3, totalExact: true });
    expect(page.items.map((r) => r.name)).toEqual(['cli-robot-0', 'cli-robot-1']);
    const notice = await cli('robots', 'list', '--limit', '2');
    expect(notice.stderr).toContain(
      `showing 2 of 3; --cursor ${page.nextCursor} for the next page, or --all`,
    );
    // the next page by its keyset cursor: the third robot, and no cursor after it
    const next = await cliJson<Page>('robots', 'list', '--limit', '2', '--cursor', page.nextCursor!);
    expect(next.items.map((r) => r.name)).toEqual(['cli-robot-2']);
    expect(next.nextCursor).toBeUndefined();
    expect((await cli('robots', 'list', '--cursor', page.nextCursor!, '--offset', '2')).code).toBe(2);
    const all = await cliJson<{ items: { id: string; name: string }[] }>(
      'robots',
      'list',
      '--limit',
      '1',
      '--all',
      '--group',
      'site-north',
    );
    expect(all.items.map((r) => r.name)).toEqual(['cli-robot-0', 'cli-robot-1', 'cli-robot-2']);
    const one = await cli('robots', 'get', robots[0]!.robotId);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/name\s+cli-robot-0/);
    expect(one.stdout).toMatch(/groups\s+site-north/);
    const noReason = await cli('robots', 'decommission', robots[2]!.robotId, '--reason', '');
    expect(noReason.code).toBe(EXIT.usage);
    expect(noReason.stderr).toContain('reason: must not be empty');
    const wrongGroup = await cli('robots', 'list', '--group', 'site-west');
    expect(wrongGroup.code).toBe(EXIT.notFound);
    expect(wrongGroup.stderr).toContain('no group named "site-west" (groups: site-north)');
  });

  it('manages policies: list, get by name, create, version, set-default by name@version', async () => {
    const list = await cli('policies', 'list');
    expect(list.stdout).toMatch(/default\s+v1 \(default\)/);
    const created = await cliJson<{ id: string; versions: { id: string }[] }>(
      'policies',
      'create',
      '--name',
      'night-shift',
      '--tau',
      '0.4',
      '--persist-mode',
      'delta-log',
      '--description',
      'for nights',
    );
    const taken = await cli('policies', 'create', '--name', 'night-shift', '--tau', '0.4');
    expect(taken.code).toBe(EXIT.refused);
    expect(taken.stderr).toMatch(/HTTP (400|409)/);
    const v2 = await cli('policies', 'version', 'night-shift', '--tau', '0.45', '--notes', 'a little more');
    expect(v2.stdout).toMatch(/published v2 .* τ 0\.45/);
    const got = await cliJson<{ id: string; versions: { version: number }[] }>(
      'policies',
      'get',
      'night-shift',
    );
    expect(got.id).toBe(created.id);
    expect(got.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const set = await cli('policies', 'set-default', 'night-shift@1', '--reason', 'nights are long');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/fleet default is now v1 .*; 3 robots moved/);
    expect((await cli('policies', 'list')).stdout).toMatch(/night-shift\s+v1 \(default\)/);
    const noVersion = await cli('policies', 'set-default', 'night-shift@9', '--reason', 'x');
    expect(noVersion.code).toBe(EXIT.notFound);
    await cli('policies', 'set-default', 'default@1', '--reason', 'back');
  });

  it('reads a rollout spec file, naming the line that does not parse and the fields that do not validate', async () => {
    const broken = path.join(home, 'broken.json');
    await writeFile(
      broken,
      '{\n  "name": "x",\n  "spec": {\n    "steps": [ { "percent": 100 } ]\n    "target": {}\n  }\n}\n',
    );
    const parse = await cli('rollouts', 'create', '-f', broken);
    expect(parse.code).toBe(EXIT.usage);
    expect(parse.stderr).toContain(`${broken}:5:5: not valid JSON: expected ',' or '}' (a missing comma?)`);
    expect(parse.stderr).toContain('line 5: ');
    const trailing = path.join(home, 'trailing.json');
    await writeFile(trailing, '{\n  "name": "x",\n}\n');
    expect((await cli('rollouts', 'create', '-f', trailing)).stderr).toContain(
      ':3:1: not valid JSON: trailing comma before }',
    );
    const yaml = path.join(home, 'broken.yaml');
    await writeFile(yaml, 'name: x\nspec:\n  steps: [\n');
    expect((await cli('rollouts', 'create', '-f', yaml)).stderr).toMatch(
      /broken\.yaml:\d+:\d+: not valid YAML/,
    );
    const invalid = path.join(home, 'invalid.json');
    await writeFile(
      invalid,
      JSON.stringify({
        name: 'x',
        spec: { policyVersionId: 'nope', target: {}, steps: [{ percent: 50, bakeSeconds: 0 }] },
      }),
    );
    const fields = await cli('rollouts', 'create', '-f', invalid);
    expect(fields.code).toBe(EXIT.usage);
    expect(fields.stderr).toContain('spec.policyVersionId: must be a policy version id');
    expect(fields.stderr).toContain('spec.target: must name at least one group, tag or robot');
    expect(fields.stderr).toContain('spec.steps[0].percent: the last step must be 100');
    expect((await cli('rollouts', 'create', '-f', path.join(home, 'absent.json'))).stderr).toContain(
      'no such file',
    );
    for (const r of [parse, fields]) noStack(r);
  });

  it('creates, previews, starts, pauses, resumes and promotes a rollout; status --watch exits 0 when it succeeds', async () => {
    const spec = path.join(home, 'rollout.json');
    await writeFile(
      spec,
      JSON.stringify(
        {
          name: 'cli-rollout',
          spec: {
            policyVersionId: '00000000-0000-4000-8000-000000000000',
            target: { tags: ['emmc'] },
            steps: [{ percent: 100, bakeSeconds: 3600 }],
            rateLimitPerMinute: 100,
            applyWindow: { start: '00:00', end: '23:59' },
          },
        },
        null,
        2,
      ),
    );
    const preview = await cli('rollouts', 'preview', '-f', spec, '--window', '24h');
    // the placeholder version does not exist: the API's field error, printed readably
    expect(preview.code).toBe(EXIT.refused);
    const created = await cli('rollouts', 'create', '-f', spec, '--policy-version', 'night-shift@2');
    expect(created.code, created.stderr).toBe(0);
    const id = /\(([0-9a-f-]{36})\) over 3 robots: draft/.exec(created.stdout)?.[1];
    expect(id).toBeDefined();
    const byId = await cli('rollouts', 'preview', id!, '--window', '7d');
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toMatch(/robots targeted\s+3/);
    expect(byId.stdout).toMatch(/window\s+10080 min/);
    expect(byId.stdout).toMatch(/predicted from\s+the model's τ curve/);
    expect(byId.stdout).toMatch(/MODEL SUCCESS NOW\s+AT NEW τ\s+CHANGE/);
    const noMatch = path.join(home, 'nomatch.json');
    const body = JSON.parse(await readFile(spec, 'utf8'));
    body.spec.target = { tags: ['no-such-tag'] };
    await writeFile(noMatch, JSON.stringify(body));
    const refused = await cli('rollouts', 'create', '-f', noMatch, '--policy-version', 'night-shift@2');
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.stderr).toContain('The target matches no robot [HTTP 400 validation_failed]');
    expect(refused.stderr).toContain('  spec.target: matches no robot');
    // agent filters from flags: these robots never reported, so an arch filter leaves none
    const filtered = await cli(
      'rollouts',
      'create',
      '-f',
      spec,
      '--policy-version',
      'night-shift@2',
      '--arch',
      'arm64',
    );
    expect(filtered.code).toBe(EXIT.refused);
    expect(filtered.stderr).toContain('spec.target: matches no robot');
    const badKind = await cli('rollouts', 'create', '-f', spec, '--flash-kind', 'floppy');
    expect(badKind.code).toBe(EXIT.usage);
    expect(badKind.stderr).toContain('spec.target.flashKinds[0]');

    expect((await cli('rollouts', 'start', id!, '--reason', 'cli test')).stdout).toContain(
      `start: rollout ${id} is running`,
    );
    expect((await cli('rollouts', 'pause', id!, '--reason', 'look')).stdout).toContain('is paused');
    const conflict = await cli('rollouts', 'pause', id!, '--reason', 'again');
    expect(conflict.code).toBe(0); // a repeated verb changes nothing and is not refused
    const notNow = await cli('rollouts', 'promote', id!, '--reason', 'paused');
    expect(notNow.code).toBe(EXIT.refused);
    expect(notNow.stderr).toContain('HTTP 409');
    expect((await cli('rollouts', 'resume', id!, '--reason', 'fine')).stdout).toContain('is running');

    const status = await cli('rollouts', 'status', id!);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/rate limit\s+100 robots\/min/);
    expect(status.stdout).toMatch(/apply window\s+00:00-23:59 UTC/);
    // watch while another process promotes the only step: the rollout succeeds, the watch exits 0
    let polls = 0;
    const watching = aura(['rollouts', 'status', id!, '--watch', '--interval', '1s'], {
      env,
      sleep: async () => {
        polls++;
        if (polls === 2) {
          const promoted = await cli('rollouts', 'promote', id!, '--reason', 'looks good');
          expect(promoted.stdout).toContain('is succeeded');
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      },
    });
    const watched = await watching;
    expect(watched.code, watched.stderr).toBe(EXIT.ok);
    expect(watched.stdout).toMatch(/running\s+step 1\/1 \(100 %\)/);
    expect(watched.stdout).toMatch(/rollout succeeded: promoted by an operator: looks good\n$/);
    const got = await cliJson<{ status: string; spec: { rateLimitPerMinute: number } }>(
      'rollouts',
      'get',
      id!,
    );
    expect(got).toMatchObject({ status: 'succeeded', spec: { rateLimitPerMinute: 100 } });
  });

  it('status --watch exits 11 on abort and 10 on rollback; list pages through every rollout', async () => {
    const versionId = (
      await cliJson<{ versions: { id: string; version: number }[] }>('policies', 'get', 'night-shift')
    ).versions.find((v) => v.version === 2)!.id;
    // a bare spec (no {name, spec} wrapper), one robot each
    const bare = async (robot: number) => {
      const file = path.join(home, `bare-${robot}.json`);
      const spec = {
        policyVersionId: versionId,
        target: { robotIds: [robots[robot]!.robotId] },
        steps: [{ percent: 100, bakeSeconds: 60 }],
      };
      await writeFile(file, JSON.stringify(spec));
      return file;
    };
    const noName = await cli('rollouts', 'create', '-f', await bare(0));
    expect(noName.code).toBe(EXIT.usage);
    expect(noName.stderr).toContain('--name');
    const ids: string[] = [];
    for (const [index, name] of ['to-abort', 'to-roll-back'].entries()) {
      const created = await cliJson<{ id: string; status: string }>(
        'rollouts',
        'create',
        '-f',
        await bare(index),
        '--name',
        name,
        '--start',
        '--reason',
        'ci',
      );
      expect(created.status).toBe('running');
      ids.push(created.id);
    }
    const aborting = aura(['rollouts', 'status', ids[0]!, '--watch', '--interval', '1s'], {
      env,
      sleep: async () => {
        await cli('rollouts', 'abort', ids[0]!, '--reason', 'stop it');
      },
    });
    const aborted = await aborting;
    expect(aborted.code).toBe(EXIT.aborted);
    expect(aborted.stdout).toContain('rollout aborted: aborted: stop it');
    expect((await cli('rollouts', 'status', ids[0]!)).code).toBe(EXIT.aborted);

    // A rollback is the health gates' verdict (tested with the engine in apps/api); here the
    // watch only has to see the status the API reports, so the test sets it in the database.
    const rollingBack = aura(['-o', 'json', 'rollouts', 'status', ids[1]!, '--watch', '--interval', '1s'], {
      env,
      sleep: async () => {
        const db = new pg.Client({ connectionString: api.databaseUrl });
        await db.connect();
        await db.query(
          "UPDATE rollout SET status = 'rolled_back', status_reason = 'step 1 failed its gates', ended_at = now() WHERE id = $1",
          [ids[1]],
        );
        await db.end();
      },
    });
    const rolledBack = await rollingBack;
    expect(rolledBack.code).toBe(EXIT.rolledBack);
    const snapshots = rolledBack.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { status: string });
    expect(snapshots.map((s) => s.status)).toEqual(['running', 'rolled_back']);

    const timeout = await aura(['rollouts', 'status', ids[1]!, '--watch'], { env });
    expect(timeout.code).toBe(EXIT.rolledBack);

    const page = await cli('rollouts', 'list', '--limit', '2');
    expect(page.stderr).toContain('showing 1-2 of 3');
    const all = await cliJson<{ total: number; items: { name: string }[] }>(
      'rollouts',
      'list',
      '--limit',
      '1',
      '--all',
    );
    expect(all.items.map((r) => r.name)).toEqual(['to-roll-back', 'to-abort', 'cli-rollout']);
    expect(
      (await cliJson<{ items: unknown[] }>('rollouts', 'list', '--status', 'aborted')).items,
    ).toHaveLength(1);
  });

  it('exports telemetry as CSV and NDJSON, paged, for a robot, a group and a window', async () => {
    for (const [index, robot] of robots.entries()) {
      const records = Array.from({ length: 12 }, (_, i) => {
        const start = new Date(Date.now() - (12 - i) * HOUR);
        return {
          seq: i + 1,
          windowStart: start.toISOString(),
          windowEnd: new Date(start.getTime() + 10_000).toISOString(),
          steps: 100,
          writes: 10 + index,
          tau: 0.5,
          stateBytes: 4224,
          kvEquivalentBytes: 1000,
          flashBytesWritten: 4096,
          wearFraction: 0.001,
          deviceWear: { source: 'emmc, "life time"', value: 0.1 },
          episodes: { completed: 2, succeeded: 1 },
          stepLatencyUs: { p50: 80, p99: 200 },
        };
      });
      const sent = await fetch(`${api.url}/v1/agent/telemetry`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${robot.robotSecret}` },
        body: JSON.stringify({ records }),
      });
      expect(sent.status).toBe(200);
    }
    const csv = await cli(
      'telemetry',
      'export',
      '--group',
      'site-north',
      '--since',
      '1d',
      '--page-size',
      '7',
    );
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(TELEMETRY_EXPORT_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 36);
    expect(csv.stderr).toBe('exported 36 records in 6 page(s)\n'); // 7+7+7+7+7+1
    expect(lines[1]).toContain(',"emmc, ""life time""",0.1,');

    const out = path.join(home, 'robot.ndjson');
    const ndjson = await cli(
      'telemetry',
      'export',
      '--robot',
      robots[1]!.robotId,
      '--since',
      new Date(Date.now() - 6.5 * HOUR).toISOString(),
      '--until',
      new Date(Date.now() - 2.5 * HOUR).toISOString(),
      '--format',
      'ndjson',
      '--out',
      out,
    );
    expect(ndjson.code, ndjson.stderr).toBe(0);
    const records = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; writes: number });
    expect(records.map((r) => r.seq)).toEqual([7, 8, 9, 10]);
    expect(records.every((r) => r.writes === 11)).toBe(true);
    const both = await cli(
      'telemetry',
      'export',
      '--robot',
      robots[0]!.robotId,
      '--group',
      'site-north',
      '--since',
      '1d',
    );
    expect(both.code).toBe(EXIT.usage);
  });

  it('lists audit events filtered by actor type, paged by cursor', async () => {
    const byRobots = await cliJson<{ items: { actorType: string; action: string }[] }>(
      'audit',
      'list',
      '--actor-type',
      'robot',
    );
    expect(byRobots.items.length).toBe(3); // the three enrolments
    expect(byRobots.items.every((e) => e.actorType === 'robot')).toBe(true);
    const first = await cli('audit', 'list', '--limit', '2', '--action', 'rollout.start');
    expect(first.stderr).toMatch(/more: --cursor \d+ \(or --all\)/);
    const all = await cliJson<{ items: { action: string }[] }>(
      'audit',
      'list',
      '--limit',
      '1',
      '--all',
      '--action',
      'rollout.start',
    );
    expect(all.items).toHaveLength(3);
    const table = await cli('audit', 'list', '--action', 'fleet.default_policy.set', '--since', '1h');
    expect(table.stdout).toMatch(/operator:\S+\s+fleet\.default_policy\.set .* nights are long/);
  });

  it('creates, lists and revokes API keys: self-service, expiry, rotation, the last admin key kept', async () => {
    const client = createApiClient({ baseUrl: api.url, token: api.adminKey });
    const { data } = await client.POST('/v1/operators', { body: { name: 'Ops Bot', role: 'operator' } });
    const botEnv = { ...env, AURA_API_KEY: data!.apiKey.token };
    const asBot = (...argv: string[]) => aura(argv, { env: botEnv });

    // bad arguments never reach the API
    for (const argv of [
      ['keys', 'create', '--name', 'x', '--expires-in', '36h'],
      ['keys', 'create', '--name', 'x', '--expires-in', '3651d'],
      ['keys', 'create', '--name', ''],
      ['keys', 'revoke', 'nope'],
    ]) {
      const bad = await aura(argv, { env: { ...botEnv, AURA_API_URL: 'http://127.0.0.1:9' } });
      expect(bad.code, argv.join(' ')).toBe(EXIT.usage);
      noStack(bad);
    }

    // an operator mints a second key for itself, shown once; rotation = create, then revoke the old one
    const created = await aura(['-o', 'json', 'keys', 'create', '--name', 'ci', '--expires-in', '30d'], {
      env: botEnv,
    });
    expect(created.code, created.stderr).toBe(0);
    const fresh = created.json<{ id: string; token: string; expiresAt: string }>();
    expect(fresh.token).toMatch(/^aura_ak_/);
    expect(Math.round((Date.parse(fresh.expiresAt) - Date.now()) / 86_400_000)).toBe(30);
    const table = await asBot('keys', 'create', '--name', 'laptop');
    expect(table.stdout).toMatch(
      /^created API key laptop \(.+\), no expiry\nkey \(shown once, store it now\):\naura_ak_/,
    );

    const own = await aura(['-o', 'json', 'keys', 'list'], { env: botEnv });
    const ownKeys = own.json<{
      items: { id: string; name: string; operatorName: string; lastUsedAt: string | null }[];
    }>();
    expect(ownKeys.items.map((k) => k.name).sort()).toEqual(['ci', 'default', 'laptop']);
    expect(ownKeys.items.every((k) => k.operatorName === 'Ops Bot')).toBe(true);
    expect(own.stdout).not.toContain(fresh.token);
    expect((await asBot('keys', 'list')).stdout).toMatch(/ci .* Ops Bot .* active/);
    const oldKey = ownKeys.items.find((k) => k.name === 'default')!;
    expect(oldKey.lastUsedAt).not.toBeNull();
    const rotated = await aura(['keys', 'revoke', oldKey.id], {
      env: { ...botEnv, AURA_API_KEY: fresh.token },
    });
    expect(rotated.stdout).toContain(`revoked API key ${oldKey.id}`);
    const refused = await asBot('robots', 'list');
    expect(refused.code).toBe(EXIT.auth);
    expect(refused.stderr).toMatch(/revoked at .*HTTP 401/);

    // admins see every key; an operator cannot touch another's
    const all = await cliJson<{ items: { operatorName: string }[] }>('keys', 'list', '--active');
    expect(all.items.map((k) => k.operatorName)).toEqual(expect.arrayContaining(['Ops Bot']));
    const me = (await client.GET('/v1/me')).data!;
    const notMine = await aura(['keys', 'revoke', me.apiKeyId], {
      env: { ...botEnv, AURA_API_KEY: fresh.token },
    });
    expect(notMine.code).toBe(EXIT.notFound);
    const forOther = await aura(['keys', 'create', '--name', 'x', '--operator', me.operatorId], {
      env: { ...botEnv, AURA_API_KEY: fresh.token },
    });
    expect(forOther.code).toBe(EXIT.auth);
    expect(forOther.stderr).toContain('HTTP 403');

    // the stack's one admin key is the last working admin key: refused with the reason (exit 5)
    const last = await cli('keys', 'revoke', me.apiKeyId);
    expect(last.code).toBe(EXIT.refused);
    expect(last.stderr).toMatch(/last working admin API key.*HTTP 409 conflict/);
    noStack(last);
    expect((await cli('robots', 'list')).code).toBe(0);
  });

  it('lists dashboard sessions and ends one: own for an operator, anyone’s for an admin', async () => {
    const admin = createApiClient({ baseUrl: api.url, token: api.adminKey });
    const { data } = await admin.POST('/v1/operators', { body: { name: 'Night Shift', role: 'viewer' } });
    const viewerEnv = { ...env, AURA_API_KEY: data!.apiKey.token };
    const viewer = createApiClient({ baseUrl: api.url, token: data!.apiKey.token });
    const laptop = (await viewer.POST('/v1/sessions')).data!;
    await new Promise((resolve) => setTimeout(resolve, 5)); // newest first: sign-ins a few ms apart
    const tablet = (await viewer.POST('/v1/sessions')).data!;

    const bad = await aura(['sessions', 'revoke', 'nope'], { env: viewerEnv });
    expect(bad.code).toBe(EXIT.usage);
    noStack(bad);

    const own = await aura(['-o', 'json', 'sessions', 'list'], { env: viewerEnv });
    expect(own.code, own.stderr).toBe(0);
    expect(own.json<{ items: { id: string }[] }>().items.map((s) => s.id)).toEqual([tablet.id, laptop.id]);
    expect(own.stdout).not.toContain(laptop.token);
    expect((await aura(['sessions', 'list'], { env: viewerEnv })).stdout).toMatch(/Night Shift .* active/);

    // the viewer ends its own; it cannot end the admin's view of anyone else's (not found)
    const ended = await aura(['sessions', 'revoke', tablet.id], { env: viewerEnv });
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain(`ended dashboard session ${tablet.id}`);
    const again = await aura(['sessions', 'revoke', tablet.id], { env: viewerEnv });
    expect(again.code).toBe(EXIT.refused);
    expect(again.stderr).toMatch(/already revoked.*HTTP 409/);
    const mine = (await admin.POST('/v1/sessions')).data!;
    const notMine = await aura(['sessions', 'revoke', mine.id], { env: viewerEnv });
    expect(notMine.code).toBe(EXIT.notFound);

    // the admin lists everyone's (one operator's with --operator) and ends the viewer's last one
    const bySite = await cliJson<{ items: { id: string; state: string }[] }>(
      'sessions',
      'list',
      '--all',
      '--operator',
      laptop.operatorId,
    );
    expect(bySite.items.map((s) => [s.id, s.state])).toEqual([
      [tablet.id, 'revoked'],
      [laptop.id, 'active'],
    ]);
    expect((await cli('sessions', 'revoke', laptop.id)).code).toBe(0);
    const asLaptop = createApiClient({ baseUrl: api.url, token: laptop.token });
    expect((await asLaptop.GET('/v1/sessions/current')).response.status).toBe(401);
  });

  it('plans and clears a signing key retirement; a time in the past is refused naming the field (exit 5)', async () => {
    const keys = await cliJson<{ items: { id: string; keyId: string; status: string }[] }>(
      'signing-keys',
      'list',
    );
    const active = keys.items.find((k) => k.status === 'active')!;
    const planned = await cliJson<{ plannedRetirementAt: string }>(
      'signing-keys',
      'plan-retirement',
      active.id,
      '--in',
      '30d',
      '--reason',
      'yearly rotation',
    );
    expect(Date.parse(planned.plannedRetirementAt) - Date.now()).toBeGreaterThan(29 * 24 * HOUR);
    expect((await cli('signing-keys', 'list')).stdout).toContain(planned.plannedRetirementAt.slice(0, 10));
    const past = await cli(
      'signing-keys',
      'plan-retirement',
      active.id,
      '--at',
      '2020-01-01',
      '--reason',
      'x',
    );
    expect(past.code).toBe(EXIT.refused);
    expect(past.stderr).toContain('plannedRetirementAt');
    noStack(past);
    const cleared = await cli('signing-keys', 'plan-retirement', active.id, '--clear', '--reason', 'kept');
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toBe(`signing key ${active.keyId}: no retirement planned\n`);
  });

  it('decommissions a robot: its secret is refused at once', async () => {
    const secret = robots[2]!.robotSecret;
    const poll = () =>
      fetch(`${api.url}/v1/agent/config`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await poll()).status).toBe(200);
    const done = await cli('robots', 'decommission', robots[2]!.robotId, '--reason', 'scrapped');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^decommissioned robot cli-robot-2 \(/);
    expect((await poll()).status).toBe(401);
    // gone from the default list, shown by the filter
    const listed = await cliJson<{ items: { id: string }[] }>('robots', 'list', '--all');
    expect(listed.items.map((r) => r.id)).not.toContain(robots[2]!.robotId);
    const gone = await cliJson<{ items: { id: string }[] }>('robots', 'list', '--decommissioned', 'only');
    expect(gone.items.map((r) => r.id)).toEqual([robots[2]!.robotId]);
    const audit = await cliJson<{ items: { reason: string }[] }>(
      'audit',
      'list',
      '--target',
      robots[2]!.robotId,
      '--action',
      'robot.decommission',
    );
    expect(audit.items[0]?.reason).toBe('scrapped');
  });

  it('runs as a process: exit codes reach the shell, JSON on stdout, no stack trace', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const bin = (args: string[], extraEnv: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['--conditions=@aura/source', '--import', 'tsx', 'src/main.ts', ...args], {
        cwd: cliDir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: home, ...extraEnv },
      });
    const ok = bin(['-o', 'json', 'policies', 'list'], { AURA_API_URL: api.url, AURA_API_KEY: api.adminKey });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).items.length).toBeGreaterThan(0);
    const usage = bin(['rollouts', 'status', 'x']);
    expect(usage.status).toBe(EXIT.usage);
    const down = bin(['robots', 'list'], { AURA_API_URL: closed, AURA_API_KEY: 'k' });
    expect(down.status).toBe(EXIT.unreachable);
    expect(down.stderr).not.toContain('    at ');
  });
});
