import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AgentInventory, type AgentReport, AgentReportSchema, type TelemetryRecord } from '@aura/core';
import { afterAll, describe, expect, it } from 'vitest';
import { RobotAgent } from '../agent/robot-agent.js';
import { AgentConfigSchema } from '../config/agent-config.js';
import { CredentialStore } from '../enrollment/credential-store.js';
import { RobotControlPlane } from './robot-control-plane.js';

/** Unit: a canned API behind a custom fetch; the real API is in e2e/agent-api/agent-control-plane.e2e.test.ts. */
const modelPath = path.resolve(import.meta.dirname, '../../../../models/aura-mem-hard-v1.onnx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** An API that enrols one robot and then accepts only the secrets in `accepted`. */
/** An agent on the committed model in a fresh state directory (removed after the file), not enrolled. */
async function openAgent(telemetry?: { windowSeconds: number }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-cp-'));
  dirs.push(dir);
  const config = AgentConfigSchema.parse({
    model: { path: modelPath },
    stateDir: dir,
    development: true,
    persistence: { mode: 'none' },
    ...(telemetry ? { telemetry } : {}),
    api: { url: 'http://api.test', enrollmentToken: 'token' },
  });
  return { agent: await RobotAgent.open({ config }), dir };
}

function cannedApi() {
  const robotId = randomUUID();
  const api = {
    robotId,
    accepted: new Set<string>(),
    stored: new Map<number, TelemetryRecord>(),
    telemetryRequests: 0,
    configRequests: 0,
    /** reports the API took; undefined: it has no such route (404, an older API) */
    reports: [] as AgentReport[] | undefined,
    fetch: async (input: Request): Promise<Response> => {
      const url = new URL(input.url);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/v1/agent/enroll') {
        api.accepted.add('secret-1');
        return json(201, { robotId, robotSecret: 'secret-1', configKeys: [] });
      }
      const secret = input.headers.get('authorization')?.replace('Bearer ', '') ?? '';
      const unauthorized = () =>
        json(401, { error: { code: 'unauthorized', message: 'robot decommissioned' } });
      if (url.pathname === '/v1/agent/telemetry') {
        api.telemetryRequests++;
        if (!api.accepted.has(secret)) return unauthorized();
        const { records } = (await input.json()) as { records: TelemetryRecord[] };
        for (const r of records) api.stored.set(r.seq, r);
        return json(200, {
          accepted: records.length,
          duplicates: 0,
          lastSeq: Math.max(...api.stored.keys()),
        });
      }
      if (url.pathname === '/v1/agent/config') {
        api.configRequests++;
        if (!api.accepted.has(secret)) return unauthorized();
        await sleep(20);
        return new Response(null, { status: 304 });
      }
      if (url.pathname === '/v1/agent/report' && api.reports) {
        if (!api.accepted.has(secret)) return unauthorized();
        api.reports.push(AgentReportSchema.parse(await input.json()));
        return json(200, { reportedAt: new Date().toISOString() });
      }
      return json(404, { error: { code: 'not_found', message: url.pathname } });
    },
  };
  return api;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

describe('RobotControlPlane', () => {
  it('answered 401, stops uploading and polling, says why, keeps the data, and resumes with a new credential', async () => {
    const { agent, dir } = await openAgent({ windowSeconds: 0.05 });
    const api = cannedApi();
    const errors: string[] = [];
    const link = new RobotControlPlane(agent, {
      apiUrl: 'http://api.test',
      enrollmentToken: 'token',
      fetch: api.fetch as unknown as typeof fetch,
      pollWaitSeconds: 0,
      credentialRecheckMs: 50,
      log: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
    });
    // enrolled, online, then the API stops accepting the secret
    link.start();
    for (let i = 0; i < 200; i++) await agent.step();
    agent.closeWindow();
    await until(() => api.stored.size > 0);
    api.accepted.clear();
    for (let i = 0; i < 50; i++) {
      await agent.step();
      await sleep(2);
    }
    agent.closeWindow();
    await until(() => link.state === 'unauthorized');
    expect(link.lastError).toMatch(/401 unauthorized: robot decommissioned/);
    expect(link.lastError).toContain("no longer accepts this robot's credential");
    expect(link.lastError).toMatch(/record\(s\) kept in the outbox/);
    expect(errors).toHaveLength(1);
    // nothing more is sent, and nothing is dropped
    const requests = api.telemetryRequests + api.configRequests;
    for (let i = 0; i < 100; i++) await agent.step();
    agent.closeWindow();
    await sleep(300);
    expect(api.telemetryRequests + api.configRequests).toBe(requests);
    const pending = agent.outbox.depth;
    expect(pending).toBeGreaterThan(0);
    expect(agent.outbox.dropped + agent.outbox.quarantined).toBe(0);
    // the operator installs a rotated secret: the link picks it up and delivers what was kept
    api.accepted.add('secret-2');
    new CredentialStore(path.join(dir, 'credentials')).save(
      { robotId: api.robotId, robotSecret: 'secret-2', configKeys: [] },
      'http://api.test',
    );
    await until(() => link.state === 'online' && agent.outbox.depth === 0);
    expect(api.stored.size).toBe(agent.outbox.lastSeq);
    await link.stop(Date.now() + 1000);
    await agent.close();
  }, 30_000);

  it('reports the inventory at start and again only when it or the outbox losses change', async () => {
    const { agent } = await openAgent({ windowSeconds: 0.05 });
    const api = cannedApi();
    let inventory: AgentInventory = {
      agentVersion: '0.1.0',
      model: { name: 'm', sha256: 'a'.repeat(64), executionProviders: ['cpu'] },
      onnxruntimeVersion: '1.30.0',
      nodeVersion: '20.20.2',
      os: { platform: 'linux', release: '6.1', arch: 'arm64' },
      flash: { kind: 'emmc', capacityBytes: 32e9 },
    };
    const link = new RobotControlPlane(agent, {
      apiUrl: 'http://api.test',
      enrollmentToken: 'token',
      fetch: api.fetch as unknown as typeof fetch,
      pollWaitSeconds: 0,
      reportCheckMs: 20,
      inventory: () => inventory,
    });
    link.start();
    await until(() => (api.reports?.length ?? 0) === 1);
    expect(api.reports?.[0]).toEqual({ inventory, outbox: { pending: 0, dropped: 0, quarantined: 0 } });
    expect(link.lastReportAt).toBeInstanceOf(Date);
    // telemetry moves the pending count every window: no new report for that
    for (let i = 0; i < 100; i++) await agent.step();
    agent.closeWindow();
    await until(() => api.stored.size > 0);
    await sleep(200);
    expect(api.reports).toHaveLength(1);
    // a changed inventory is sent once
    inventory = { ...inventory, agentVersion: '0.2.0' };
    await until(() => (api.reports?.length ?? 0) === 2);
    await sleep(200);
    expect(api.reports).toHaveLength(2);
    expect(api.reports?.[1]?.inventory.agentVersion).toBe('0.2.0');
    await link.stop(Date.now() + 1000);
    await agent.close();
  }, 30_000);

  it('stops reporting, once warned, when the API has no report route (older API)', async () => {
    const { agent } = await openAgent();
    const api = cannedApi();
    api.reports = undefined;
    const warnings: string[] = [];
    const link = new RobotControlPlane(agent, {
      apiUrl: 'http://api.test',
      enrollmentToken: 'token',
      fetch: api.fetch as unknown as typeof fetch,
      pollWaitSeconds: 0,
      reportCheckMs: 10,
      inventory: () => ({
        agentVersion: '0.1.0',
        model: { sha256: 'b'.repeat(64), executionProviders: ['cpu'] },
        onnxruntimeVersion: '1.30.0',
        nodeVersion: '20.20.2',
        os: { platform: 'linux', release: '6.1', arch: 'x64' },
      }),
      log: { info: () => {}, warn: (m) => warnings.push(m) },
    });
    link.start();
    await until(() => warnings.length > 0);
    await sleep(200);
    expect(warnings).toEqual(['the API takes no agent reports (PUT /v1/agent/report: 404); not reporting']);
    expect(link.state).toBe('online');
    await link.stop(Date.now() + 1000);
    await agent.close();
  }, 30_000);
});
