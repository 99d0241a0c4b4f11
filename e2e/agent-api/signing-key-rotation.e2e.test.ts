import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AgentConfigSchema, RobotAgent, RobotControlPlane } from '@aura/agent/control-plane';
import { generateSigningKeyEntry } from '@aura/api';
import { type ConfigKey, signConfigEnvelope, signingKeyFromBase64, verifyConfigEnvelope } from '@aura/core';
import {
  type ApiTransport,
  createAdminKey,
  createTestDatabase,
  httpTransport,
  type RunningService,
  type ServiceEnv,
  startApi,
  type TestDatabase,
  testDatabaseServerUrl,
  uniqueName,
  WORKSPACE_ROOT,
} from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Signing-key rotation end to end (issue 13): three real agents (RobotAgent + RobotControlPlane from
 * `@aura/agent/control-plane`) enrolled before the first rotation, talking to two API processes; an
 * operator rotates twice and revokes the first key; every robot applies the next config, signed by the
 * newest key, and no longer trusts the revoked one. The run has its own database (key states are
 * fleet-wide); what the API stored is read with SQL.
 */
const modelPath = path.join(WORKSPACE_ROOT, 'models/aura-mem-hard-v1.onnx');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('config-signing key rotation reaches robots enrolled before it', () => {
  let database: TestDatabase;
  const firstKeyEntry = generateSigningKeyEntry('k1');
  const encryptionKey = randomBytes(32).toString('base64');
  let env: ServiceEnv & Record<string, string>;
  // two API processes on the same database: robots on either must get configs signed with the same key
  const servers: RunningService[] = [];
  let api: ApiTransport;
  let db: pg.Client;
  let admin: string;
  let stateDir: string;
  const agents: RobotAgent[] = [];
  const links: RobotControlPlane[] = [];

  /** an admin's call that must succeed (2xx), its JSON */
  // biome-ignore lint/suspicious/noExplicitAny: test JSON, read field by field as the assertions need
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<any> => {
    const response = await api.request({ method, url, token: admin, ...(payload ? { payload } : {}) });
    if (response.statusCode < 200 || response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };

  beforeAll(async () => {
    database = createTestDatabase(
      testDatabaseServerUrl(),
      `aura_test_keys_${randomBytes(4).toString('hex')}`,
    );
    env = {
      ...runServiceEnv(),
      DATABASE_URL: database.url,
      CONFIG_SIGNING_KEYS: firstKeyEntry,
      CONFIG_KEY_ENCRYPTION_KEY: encryptionKey,
      CONFIG_SIGNING_DEV_KEYS: 'false',
    };
    servers.push(...(await Promise.all([startApi(env), startApi(env)])));
    api = httpTransport(servers[0]!.url);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    admin = createAdminKey(env, uniqueName('admin'));
    const { token } = await call('POST', '/v1/enrollment-tokens', { name: 'rotation', maxUses: 3 });
    stateDir = mkdtempSync(path.join(tmpdir(), 'aura-keys-'));
    for (let i = 0; i < 3; i++) {
      // two robots on the second process, one on the first: both must sign with the same key
      const apiUrl = i < 2 ? servers[1]!.url : servers[0]!.url;
      const config = AgentConfigSchema.parse({
        name: `rotation-${i}`,
        model: { path: modelPath },
        stateDir: path.join(stateDir, String(i)),
        persistence: { mode: 'none' },
        development: true,
        api: { url: apiUrl, enrollmentToken: token },
      });
      const agent = await RobotAgent.open({ config });
      const link = new RobotControlPlane(agent, {
        apiUrl,
        enrollmentToken: token,
        name: `rotation-${i}`,
        pollWaitSeconds: 2,
        baseDelayMs: 50,
        maxDelayMs: 500,
      });
      agents.push(agent);
      links.push(link);
      link.start();
    }
    await until('three robots enrolled on their first config', () =>
      agents.every((agent) => (agent.configStore.applied?.version ?? 0) >= 1),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(links.map((link) => link.stop(0)));
    for (const agent of agents) await agent.close();
    await db?.end().catch(() => undefined);
    await Promise.all(servers.map((server) => server.stop()));
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('rotates twice and revokes the first key; all three robots apply the next config', async () => {
    const listed = await call('GET', '/v1/config-signing-keys');
    expect(listed.items).toMatchObject([{ keyId: 'k1', status: 'active', storage: 'environment' }]);
    expect(listed.keySet).toMatchObject({ version: 1, keys: [{ keyId: 'k1' }], revoked: [] });
    const k1 = listed.items[0];
    for (const link of links) expect(link.credential?.configKeys.map((k) => k.keyId)).toEqual(['k1']);

    // rotation 1 and 2: a standby key (a new key set carries it), then activated
    const k2 = await call('POST', '/v1/config-signing-keys', { keyId: 'k2' });
    expect(k2).toMatchObject({ status: 'standby', storage: 'database', keySetVersion: 2 });
    await call('POST', `/v1/config-signing-keys/${k2.id}/activate`, { reason: 'scheduled rotation' });
    const k3 = await call('POST', '/v1/config-signing-keys', { keyId: 'k3' });
    expect(k3.keySetVersion).toBe(3);
    await call('POST', `/v1/config-signing-keys/${k3.id}/activate`, { reason: 'scheduled rotation' });
    // the first key leaked: revoked (it is on standby since k2 was activated)
    const revoked = await call('POST', `/v1/config-signing-keys/${k1.id}/revoke`, { reason: 'leaked' });
    expect(revoked).toMatchObject({ status: 'revoked', keySetVersion: 4 });
    const after = await call('GET', '/v1/config-signing-keys');
    expect(after.keySet).toMatchObject({ version: 4, revoked: ['k1'] });
    expect(after.keySet.keys.map((k: ConfigKey) => k.keyId).sort()).toEqual(['k2', 'k3']);

    // the next config
    const policy = await call('POST', '/v1/policies', { name: uniqueName('rotation'), tau: 0.35 });
    await call('PUT', '/v1/fleet/default-policy', {
      policyVersionId: policy.versions[0].id,
      reason: 'next config',
    });
    await until('every robot on the next config', () =>
      agents.every((agent) => agent.configStore.applied?.tau === 0.35),
    );
    for (const [i, agent] of agents.entries()) {
      expect(agent.configStore.applied?.keyId, `robot ${i}`).toBe('k3');
      const trusted = agent.configStore.trustedKeys.current(links[i]!.credential!.configKeys);
      expect(trusted.version).toBe(4);
      expect(trusted.revoked).toEqual(['k1']);
      // a config signed with the revoked key is no longer accepted by this robot
      const { signature: _s, keyId: _k, keyUpdates: _u, ...fields } = agent.configStore.applied!;
      const forged = signConfigEnvelope(
        { ...fields, tau: 0.99 },
        signingKeyFromBase64('k1', firstKeyEntry.slice(3)),
      );
      expect(verifyConfigEnvelope(forged, trusted.keys)).toMatchObject({ ok: false, reason: 'unknown_key' });
    }
    // the API recorded every robot's ack of the config it now runs
    const robotIds = links.map((link) => link.credential!.robotId);
    await until('applied versions recorded', async () => {
      const { rows } = await db.query<{ applied: number; desired: number }>(
        `SELECT applied_config_version AS applied, desired_config_version AS desired FROM robot
         WHERE id = ANY($1::uuid[])`,
        [robotIds],
      );
      return rows.length === 3 && rows.every((r) => r.applied === r.desired);
    });
    // audited
    const audit = await call('GET', '/v1/audit?targetType=config_signing_key');
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'config_signing_key.create',
        'config_signing_key.activate',
        'config_signing_key.revoke',
      ]),
    );
  }, 90_000);

  it('refuses to revoke or retire the active key, and to activate a revoked one', async () => {
    const { items } = await call('GET', '/v1/config-signing-keys');
    const active = items.find((k: { status: string }) => k.status === 'active');
    const gone = items.find((k: { status: string }) => k.status === 'revoked');
    for (const [id, verb] of [
      [active.id, 'revoke'],
      [active.id, 'retire'],
      [gone.id, 'activate'],
    ]) {
      const response = await api.request({
        method: 'POST',
        url: `/v1/config-signing-keys/${id}/${verb}`,
        token: admin,
        payload: { reason: 'test' },
      });
      expect(response.statusCode, `${verb}`).toBe(409);
    }
    const viewer = (await call('POST', '/v1/operators', { name: uniqueName('operator'), role: 'operator' }))
      .apiKey.token;
    const forbidden = await api.request({ method: 'GET', url: '/v1/config-signing-keys', token: viewer });
    expect(forbidden.statusCode).toBe(403);
  });

  it('a process that cannot sign with the active key refuses to start; so does one without any key source', () => {
    const start = (extra: Record<string, string>) =>
      // the API's entry point as a process (startApi would wait for a readiness it never reaches)
      spawnSync(process.execPath, ['--conditions=@aura/source', '--import', 'tsx', 'src/main.ts'], {
        cwd: path.join(WORKSPACE_ROOT, 'apps/api'),
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: database.url,
          REDIS_URL: env.REDIS_URL,
          REDIS_PREFIX: env.REDIS_PREFIX,
          PORT: '45391',
          LOG_LEVEL: 'error',
          ...extra,
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
    // no CONFIG_SIGNING_KEYS, no key-encryption key, no development keys: no throw-away key either
    const bare = start({});
    expect(bare.status).toBe(78);
    expect(bare.stderr).toContain('no config-signing keys');
    // the active key (k3 after the rotation) is out of this process's reach: one line, EX_CONFIG
    const wrongKek = start({ CONFIG_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    expect(wrongKek.status).toBe(78);
    expect(wrongKek.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^config-signing keys: cannot sign with the active key: key "k\d" /),
    ]);
  }, 90_000);
});
