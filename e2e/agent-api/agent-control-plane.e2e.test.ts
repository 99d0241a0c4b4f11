import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AgentConfigSchema, RobotAgent, RobotControlPlane, simCommand } from '@aura/agent/control-plane';
import type { ConfigEnvelope } from '@aura/core';
import { uniqueName, WORKSPACE_ROOT } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess } from './api-process.js';

/**
 * The real agent (apps/agent: RobotAgent + RobotControlPlane, real ONNX model, through its entry point
 * `@aura/agent/control-plane`) against a real API process on this run's database, through an HTTP
 * proxy the test controls: it can be stopped (API unreachable), drop responses after the API processed
 * the request (lost answers), and rewrite a config envelope the API signed (tampering, an unknown key,
 * a replayed older version). What the API stored is read with SQL.
 */
const SEEDED_DEFAULT = '00000000-0000-4000-8000-000000000002';
const modelPath = path.join(WORKSPACE_ROOT, 'models/aura-mem-hard-v1.onnx');

type Tamper = (envelope: ConfigEnvelope) => { envelope: ConfigEnvelope | null; etag?: string };

class HttpProxy {
  private server: http.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly inflight = new Set<AbortController>();
  port = 0;
  /** rewrites the next 200 of GET /v1/agent/config (null envelope: answer 304 after a pause) */
  tamper: Tamper | undefined;
  /** forward this many telemetry requests to the API, then cut the connection instead of answering */
  dropTelemetryResponses = 0;
  droppedTelemetryResponses = 0;
  /** forward config polls without If-None-Match (the API answers 200 with the current config) */
  stripIfNoneMatch = false;
  /** cut the connection of every config ack before it reaches the API */
  dropAcks = false;
  readonly acks: { body: { version: number; status: string; reason?: string }; status: number }[] = [];

  constructor(private readonly target: string) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => void this.forward(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** as a stopped server: refuses new connections and drops open ones */
  async stop(): Promise<void> {
    for (const c of this.inflight) c.abort();
    for (const s of this.sockets) s.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'if-none-match']) {
      const value = req.headers[name];
      if (typeof value === 'string' && !(name === 'if-none-match' && this.stripIfNoneMatch)) {
        headers[name] = value;
      }
    }
    const controller = new AbortController();
    this.inflight.add(controller);
    // a client that went away (a stopped agent) must not consume what the test set up for the next one
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    // recorded as it passes (the API may have stored it before the response reaches the proxy)
    const ack =
      req.url === '/v1/agent/config/ack' ? { body: JSON.parse(body.toString()), status: 0 } : undefined;
    if (ack) this.acks.push(ack);
    if (ack && this.dropAcks) {
      req.socket.destroy();
      return;
    }
    try {
      const upstream = await fetch(`${this.target}${req.url}`, {
        method: req.method,
        headers,
        ...(body.length > 0 ? { body } : {}),
        signal: controller.signal,
      });
      let text = await upstream.text();
      let etag = upstream.headers.get('etag');
      let status = upstream.status;
      const route = req.url?.split('?')[0];
      if (route === '/v1/agent/telemetry' && this.dropTelemetryResponses > 0) {
        this.dropTelemetryResponses--;
        this.droppedTelemetryResponses++;
        req.socket.destroy(); // the API stored the batch; the agent never hears so
        return;
      }
      if (ack) ack.status = status;
      if (route === '/v1/agent/config' && status === 200 && this.tamper) {
        const changed = this.tamper(JSON.parse(text) as ConfigEnvelope);
        if (changed.envelope === null) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          res.writeHead(304, etag ? { etag } : {}).end();
          return;
        }
        text = JSON.stringify(changed.envelope);
        etag = changed.etag ?? etag;
        status = 200;
      }
      const out: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? '' };
      if (etag) out.etag = etag;
      const retryAfter = upstream.headers.get('retry-after');
      if (retryAfter) out['retry-after'] = retryAfter;
      res.writeHead(status, out).end(status === 304 ? undefined : text);
    } catch {
      req.socket.destroy();
    } finally {
      this.inflight.delete(controller);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('agent ↔ API control plane (real agent, real API, real PostgreSQL)', () => {
  // the agent and the operator talk HTTP to a real API process; database checks are SQL
  let apiProcess: ApiProcess;
  let operator: string | undefined;
  let proxy: HttpProxy;
  let enrollmentToken: string;
  let agent: RobotAgent;
  let link: RobotControlPlane;
  let stateDir: string;
  const name = uniqueName('cp-robot');

  const operatorCall = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    apiProcess.ok(operator!, method, url, payload);
  /** a new policy with τ, made the fleet default (moves every robot no rollout holds) */
  const publishDefault = async (tau: number) => {
    const policy = await operatorCall('POST', '/v1/policies', { name: uniqueName('cp'), tau });
    const versionId = policy.versions[0].id as string;
    await operatorCall('PUT', '/v1/fleet/default-policy', {
      policyVersionId: versionId,
      reason: 'agent test',
    });
    return versionId;
  };
  const newLink = () =>
    new RobotControlPlane(agent, {
      apiUrl: proxy.url,
      enrollmentToken,
      name,
      pollWaitSeconds: 2,
      baseDelayMs: 50,
      maxDelayMs: 500,
    });
  /** a new control plane on the same agent; resolves once its first poll re-delivered and re-acked the applied config */
  const restartLink = async () => {
    const from = proxy.acks.length;
    link = newLink();
    link.start();
    await stepUntil(
      () =>
        proxy.acks
          .slice(from)
          .some((a) => a.body.version === agent.configStore.applied?.version && a.status === 200),
      'the applied config acknowledged again after the restart',
    );
  };
  /** steps the robot (≈ 1 ms apart, as a robot would between observations) until `done` holds */
  const stepUntil = async (done: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what} (${link.lastError ?? 'no error'})`);
      for (let i = 0; i < 5; i++) await agent.step();
      await sleep(1);
    }
  };
  const storedSeqs = async (robotId: string) =>
    (
      await apiProcess.sql<{ seq: string; steps: number }>(
        'SELECT seq, steps FROM telemetry_record WHERE robot_id = $1::uuid ORDER BY seq',
        [robotId],
      )
    ).map((r) => ({ seq: Number(r.seq), steps: r.steps }));
  /** the robot_config row of (robot, version): its ack as the API recorded it */
  const configRow = async (robotId: string, version: number) => {
    const [row] = await apiProcess.sql<{ ackStatus: string | null; ackReason: string | null }>(
      `SELECT ack_status AS "ackStatus", ack_reason AS "ackReason" FROM robot_config
       WHERE robot_id = $1::uuid AND version = $2`,
      [robotId, version],
    );
    if (!row) throw new Error(`no robot_config row for ${robotId} v${version}`);
    return row;
  };
  const appliedConfigVersion = async (robotId: string) => {
    const [row] = await apiProcess.sql<{ v: number | null }>(
      'SELECT applied_config_version AS v FROM robot WHERE id = $1::uuid',
      [robotId],
    );
    if (!row) throw new Error(`no robot ${robotId}`);
    return row.v;
  };

  beforeAll(async () => {
    apiProcess = await startApiProcess({
      AGENT_RATE_LIMIT: '100000',
      // the test steps the robot as fast as it can (thousands of steps a second), no real control loop
      TELEMETRY_MAX_STEP_RATE_HZ: '1000000',
    });
    operator = await apiProcess.operatorKey('operator');
    proxy = new HttpProxy(apiProcess.server.url);
    await proxy.start();
    enrollmentToken = (
      await operatorCall('POST', '/v1/enrollment-tokens', { name: 'agent test', maxUses: 5 })
    ).token;
    stateDir = mkdtempSync(path.join(tmpdir(), 'aura-cp-'));
    const config = AgentConfigSchema.parse({
      name,
      model: { path: modelPath },
      stateDir,
      persistence: { mode: 'none' },
      telemetry: { windowSeconds: 0.1, batchSize: 20 },
      development: true, // plain http:// to the test API
      api: { url: proxy.url, enrollmentToken },
    });
    agent = await RobotAgent.open({ config });
    link = newLink();
  }, 60_000);

  afterAll(async () => {
    await link?.stop(0);
    await agent?.close();
    await proxy?.stop();
    if (operator) await operatorCall('PUT', '/v1/fleet/default-policy', { policyVersionId: SEEDED_DEFAULT });
    await apiProcess?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('enrols once (0600 credential, reused on restart), uploads telemetry, applies a policy change and acks it', async () => {
    link.start();
    await stepUntil(
      () =>
        Boolean(link.credential) &&
        (agent.configStore.applied?.version ?? 0) >= 1 &&
        agent.outbox.lastSeq >= 3,
      'enrolment, first config and telemetry',
    );
    const robotId = link.credential!.robotId;
    expect(statSync(link.credentials.file).mode & 0o777).toBe(0o600);
    expect(agent.configStore.applied?.robotId).toBe(robotId);
    await stepUntil(async () => (await storedSeqs(robotId)).length >= 3, 'telemetry in PostgreSQL');

    // a restart reuses the credential: no second enrolment
    await link.stop(Date.now() + 2000);
    link = newLink();
    expect(link.credential?.robotId).toBe(robotId);
    link.start();
    expect(await apiProcess.sql('SELECT id FROM robot WHERE name = $1', [name])).toHaveLength(1);

    const before = agent.configStore.applied!.version;
    const versionId = await publishDefault(0.3);
    await stepUntil(() => agent.runtime.tau === 0.3, 'the new τ');
    expect(agent.configStore.applied).toMatchObject({
      version: before + 1,
      policyVersionId: versionId,
      tau: 0.3,
    });
    await stepUntil(async () => (await appliedConfigVersion(robotId)) === before + 1, 'appliedConfigVersion');
    const robot = await operatorCall('GET', `/v1/robots/${robotId}`);
    expect(JSON.stringify(robot)).toContain(`"appliedConfigVersion":${before + 1}`);
    expect(proxy.acks).toContainEqual({ body: { version: before + 1, status: 'applied' }, status: 200 });
    // telemetry now carries the new τ and policy version
    await stepUntil(async () => {
      const rows = await apiProcess.sql<{ n: string }>(
        `SELECT count(*) AS n FROM telemetry_record
         WHERE robot_id = $1::uuid AND tau = 0.3 AND policy_version_id = $2::uuid`,
        [robotId, versionId],
      );
      return Number(rows[0]?.n) > 0;
    }, 'telemetry under the new policy');
  });

  it('API down then up, with lost responses: every record stored once, none lost', async () => {
    const robotId = link.credential!.robotId;
    proxy.dropTelemetryResponses = 2;
    await stepUntil(() => proxy.droppedTelemetryResponses === 2, 'two lost responses');
    await proxy.stop();
    const seqAtOutage = agent.outbox.lastSeq;
    const outageEnds = Date.now() + 1500;
    await stepUntil(() => Date.now() > outageEnds, 'the outage');
    expect(agent.outbox.lastSeq).toBeGreaterThan(seqAtOutage + 5); // the robot kept running and recording
    expect(agent.outbox.depth).toBeGreaterThan(5);
    expect(link.state).toBe('offline');
    await proxy.start(); // same port
    await stepUntil(() => agent.outbox.depth === 0, 'the backlog delivered');

    agent.closeOpenWindow();
    expect(await link.stop(Date.now() + 5000)).toBe(true);
    const stored = await storedSeqs(robotId);
    const lastSeq = agent.outbox.lastSeq;
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    // every step the agent ran is in exactly one stored window
    expect(stored.reduce((s, r) => s + r.steps, 0)).toBe(agent.runtime.totals.steps);
    await restartLink();
  });

  it('rejects a tampered, an unknown-key and a replayed older config and acks each reason; runs on the last good one', async () => {
    const robotId = link.credential!.robotId;
    await stepUntil(() => link.state === 'online', 'online');
    const good = agent.configStore.applied!;
    const ackFor = async (version: number) =>
      stepUntil(async () => (await configRow(robotId, version)).ackStatus !== null, `ack of v${version}`);

    // 1. tampered: τ changed after signing
    proxy.tamper = (envelope) => {
      proxy.tamper = undefined;
      return { envelope: { ...envelope, tau: 0.95 } };
    };
    await publishDefault(0.6);
    await ackFor(good.version + 1);
    expect(await configRow(robotId, good.version + 1)).toMatchObject({
      ackStatus: 'rejected',
      ackReason: expect.stringMatching(/^bad_signature: /),
    });

    // 2. signed by a key the robot does not trust
    proxy.tamper = (envelope) => {
      proxy.tamper = undefined;
      return { envelope: { ...envelope, keyId: 'rogue-key' } };
    };
    await publishDefault(0.65);
    await ackFor(good.version + 2);
    expect(await configRow(robotId, good.version + 2)).toMatchObject({
      ackStatus: 'rejected',
      ackReason: expect.stringMatching(/^unknown_key: /),
    });
    expect(agent.runtime.tau).toBe(good.tau);
    expect(agent.configStore.applied).toEqual(good);

    // 3. a genuine envelope the proxy withholds (the API marks it delivered) …
    let withheld: ConfigEnvelope | undefined;
    proxy.tamper = (envelope) => {
      if (!withheld || envelope.version === withheld.version) {
        withheld = envelope;
        return { envelope: null };
      }
      proxy.tamper = undefined;
      return { envelope };
    };
    await publishDefault(0.7);
    await stepUntil(() => withheld !== undefined, 'the withheld envelope');
    // … then a newer one goes through and is applied …
    await publishDefault(0.4);
    await stepUntil(() => agent.runtime.tau === 0.4, 'τ 0.4');
    const applied = agent.configStore.applied!;
    expect(applied.version).toBe(good.version + 4);
    // … and the older one is replayed: correctly signed, but not newer
    proxy.tamper = () => {
      proxy.tamper = undefined;
      proxy.stripIfNoneMatch = false;
      return { envelope: withheld!, etag: `"v${applied.version}"` };
    };
    proxy.stripIfNoneMatch = true; // the next poll gets a 200, which the proxy replaces
    await ackFor(withheld!.version);
    expect(withheld!.version).toBe(good.version + 3);
    expect(await configRow(robotId, withheld!.version)).toMatchObject({
      ackStatus: 'rejected',
      ackReason: expect.stringMatching(/^not_newer: version \d+ is not newer than the applied version \d+/),
    });
    expect(agent.runtime.tau).toBe(0.4);
    expect(agent.configStore.applied).toEqual(applied);
    const rejected = proxy.acks
      .filter((a) => a.body.status === 'rejected')
      .map((a) => a.body.reason?.split(':')[0]);
    expect(rejected).toEqual(['bad_signature', 'unknown_key', 'not_newer']);
  });

  it('a config applied whose ack was lost (crash between apply and ack) is acknowledged as applied after the restart', async () => {
    const robotId = link.credential!.robotId;
    await stepUntil(() => link.state === 'online', 'online');
    const before = agent.configStore.applied!.version;
    proxy.dropAcks = true;
    await publishDefault(0.45);
    await stepUntil(() => agent.runtime.tau === 0.45, 'the new τ applied');
    await stepUntil(() => proxy.acks.some((a) => a.body.version === before + 1), 'an ack attempt');
    // the robot dies before any ack gets through
    await link.stop(0);
    expect((await configRow(robotId, before + 1)).ackStatus).toBeNull();
    proxy.dropAcks = false;

    link = newLink(); // restart: no ETag, so the first poll delivers the applied version again
    link.start();
    await stepUntil(async () => (await configRow(robotId, before + 1)).ackStatus !== null, 'the ack');
    expect(await configRow(robotId, before + 1)).toMatchObject({ ackStatus: 'applied', ackReason: null });
    expect(await appliedConfigVersion(robotId)).toBe(before + 1);
    expect(agent.configStore.applied?.version).toBe(before + 1);
  });
  it('sim: each simulated robot enrols with its own identity from one token, uploads its own outbox, flushes at the end', async () => {
    const prefix = uniqueName('sim');
    const token = (await operatorCall('POST', '/v1/enrollment-tokens', { name: 'sim test', maxUses: 3 }))
      .token;
    const configFile = path.join(stateDir, 'sim.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        name: prefix,
        stateDir: 'fleet',
        model: { path: modelPath },
        persistence: { mode: 'snapshot' },
        telemetry: { windowSeconds: 0.5 },
        development: true,
        api: { url: apiProcess.server.url },
      }),
    );
    let err = '';
    const code = await simCommand(
      { config: configFile, robots: 3, hz: 20, duration: 4, status: false },
      {
        env: { AURA_AGENT_ENROLLMENT_TOKEN: token },
        out: { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream,
        err: {
          write: (s: string) => {
            err += s;
            return true;
          },
        } as unknown as NodeJS.WriteStream,
      },
      { pollWaitSeconds: 2, flushTimeoutMs: 5000 },
    );
    expect(code, err).toBe(0);
    expect(err).toContain('every outbox delivered');
    const robots = await apiProcess.sql<{ id: string; name: string; appliedConfigVersion: number | null }>(
      `SELECT id, name, applied_config_version AS "appliedConfigVersion" FROM robot
       WHERE starts_with(name, $1) ORDER BY name`,
      [prefix],
    );
    expect(robots.map((r) => r.name)).toEqual([1, 2, 3].map((i) => `${prefix}-000${i}`));
    for (const robot of robots) {
      const dir = path.join(stateDir, 'fleet', 'robots', robot.name!);
      const credential = JSON.parse(readFileSync(path.join(dir, 'credentials', 'credential.json'), 'utf8'));
      expect(credential.robotId).toBe(robot.id);
      const cursor = JSON.parse(readFileSync(path.join(dir, 'outbox', 'outbox.cursor.json'), 'utf8'));
      const stored = await storedSeqs(robot.id);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: cursor.lastSeq }, (_, i) => i + 1));
      expect(robot.appliedConfigVersion).toBeGreaterThanOrEqual(1);
    }
  });
});
