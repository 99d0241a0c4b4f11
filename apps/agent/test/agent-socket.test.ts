import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentClient,
  AgentConfigSchema,
  AgentRequestError,
  AuraAgent,
  PROTOCOL_VERSION,
} from '../src/index.js';

// The socket protocol against a real agent (committed ONNX model, real onnxruntime), offline.
const modelPath = path.resolve(import.meta.dirname, '../../../models/aura-mem-hard-v1.onnx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function openAgent(extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-sock-'));
  dirs.push(dir);
  const config = AgentConfigSchema.parse({
    name: 'socket-test',
    model: { path: modelPath },
    stateDir: dir,
    persistence: { mode: 'snapshot', dir: path.join(dir, 'state') },
    telemetry: { windowSeconds: 0.2 },
    socket: { path: path.join(dir, 'agent.sock') },
    ...extra,
  });
  const agent = await AuraAgent.open({ config });
  await agent.serve();
  return { agent, dir, socket: path.join(dir, 'agent.sock') };
}

/** a raw connection: write lines, read reply lines */
function raw(socketPath: string) {
  const socket = net.connect(socketPath);
  const replies: Record<string, unknown>[] = [];
  let buf = '';
  socket.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      replies.push(JSON.parse(buf.slice(0, nl)));
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
  });
  return {
    socket,
    replies,
    send: (line: string) => socket.write(line.endsWith('\n') ? line : `${line}\n`),
    async until(n: number, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (replies.length < n) {
        if (Date.now() > deadline) throw new Error(`${replies.length}/${n} replies`);
        await sleep(5);
      }
      return replies;
    },
  };
}

describe('socket protocol v1', () => {
  let ctx: Awaited<ReturnType<typeof openAgent>>;
  beforeAll(async () => {
    ctx = await openAgent();
  }, 30_000);
  afterAll(async () => {
    await ctx.agent.close(0);
  });

  it('hello, steps with z and with obs, an episode end and status', async () => {
    const client = await AgentClient.connect(ctx.socket);
    const hello = await client.hello('test');
    expect(hello).toMatchObject({
      name: 'socket-test',
      model: { name: 'aura-mem-hard-v1', dModel: 48, dAction: 8, task: 'hard' },
      obsDims: 28,
      tau: 0.5,
      resetOnEpisodeEnd: true,
    });
    expect(hello.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    const before = hello.steps;
    const z = Array.from({ length: 48 }, (_, i) => Math.sin(i));
    const a = await client.step(z);
    expect(a.step).toBe(before + 1);
    expect(a.action).toHaveLength(8);
    expect(a.gate).toBeGreaterThanOrEqual(0);
    expect(a.gate).toBeLessThanOrEqual(1);
    expect(a.wrote).toBe(a.gate > 0.5);
    expect(a.tau).toBe(0.5);
    const b = await client.stepObservation(Array.from({ length: 28 }, (_, i) => (i % 3) - 1));
    expect(b.step).toBe(before + 2);
    const end = await client.endEpisode(true);
    expect(end.episodes).toEqual({ completed: 1, succeeded: 1 });
    // the same step in process gives the same numbers as over the socket (same state → same output)
    const status = await client.status<{ memory: { steps: number }; clients: { connected: number } }>();
    expect(status.memory.steps).toBe(before + 2);
    expect(status.clients.connected).toBe(1);
    await client.close();
  });

  it('answers bad input with an error naming the field, and keeps serving the connection', async () => {
    const c = raw(ctx.socket);
    const lines = [
      '{nope',
      '[1,2]',
      '{"id":1}',
      '{"id":2,"op":"fly"}',
      '{"id":3,"op":"step","z":[1,2,3]}',
      `{"id":4,"op":"step","z":[${Array(47).fill(0).join(',')},"x"]}`,
      `{"id":5,"op":"step","z":[${Array(48).fill(0).join(',')}],"obs":[${Array(28).fill(0).join(',')}]}`,
      '{"id":6,"op":"episode_end","success":"yes"}',
      '{"id":7,"op":"status","verbose":true}',
      '{"id":8,"op":"hello","protocol":2}',
      `{"id":9,"op":"step","z":[${Array(48).fill(0.1).join(',')}]}`,
    ];
    for (const l of lines) c.send(l);
    const replies = await c.until(lines.length);
    const errors = replies.slice(0, 10).map((r) => (r as { error: { code: string; field?: string } }).error);
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['bad_json', '(line)'],
      ['bad_request', '(line)'],
      ['bad_request', 'op'],
      ['unknown_op', 'op'],
      ['bad_request', 'z'],
      ['bad_request', 'z[47]'],
      ['bad_request', 'obs'],
      ['bad_request', 'success'],
      ['bad_request', 'verbose'],
      ['unsupported_protocol', 'protocol'],
    ]);
    expect(replies.slice(2).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((replies[4] as { error: { message: string } }).error.message).toBe(
      'z: expected 48 numbers, got 3',
    );
    expect(replies[10]).toMatchObject({ ok: true, id: 9, op: 'step', wrote: expect.any(Boolean) });
    // a line longer than the limit is refused, and the next line is served
    c.send(`{"op":"step","z":[${'0,'.repeat(40_000)}0]}`);
    c.send('{"id":10,"op":"status"}');
    await c.until(13);
    expect(replies[11]).toMatchObject({ ok: false, error: { code: 'too_long' } });
    expect(replies[12]).toMatchObject({ ok: true, id: 10, op: 'status' });
    c.socket.destroy();
  });

  it('lets one client drive the robot at a time; others may ask for status', async () => {
    const first = await AgentClient.connect(ctx.socket);
    const second = await AgentClient.connect(ctx.socket);
    await first.hello('driver');
    await first.step(Array(48).fill(0));
    const refused = await second.step(Array(48).fill(0)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AgentRequestError);
    expect(refused).toMatchObject({ code: 'busy', field: 'op' });
    expect((refused as Error).message).toContain('"driver"');
    expect((await second.status<{ clients: { driving: boolean } }>()).clients.driving).toBe(true);
    await first.close();
    await sleep(50);
    // the driver left: the other client may drive now
    expect((await second.step(Array(48).fill(0))).step).toBeGreaterThan(0);
    await second.close();
  });

  it('back-pressures a client that sends faster than it reads: nothing is buffered without bound', async () => {
    const client = raw(ctx.socket);
    client.socket.pause(); // the client does not read its replies
    const z = `[${Array(48).fill(0.25).join(',')}]`;
    const total = 20_000;
    const start = ctx.agent.status().memory.steps;
    // 20,000 requests (≈ 5 MB) written at once; Node buffers what the socket does not take yet
    for (let i = 0; i < total; i++) client.send(`{"id":${i},"op":"step","z":${z}}`);
    // wait until the agent stops stepping
    let steps = -1;
    for (let stable = 0; stable < 5; ) {
      await sleep(200);
      const now = ctx.agent.status().memory.steps;
      stable = now === steps ? stable + 1 : 0;
      steps = now;
    }
    // it stopped long before the end: its replies filled the socket, so it stopped reading requests
    expect(steps - start).toBeGreaterThan(0);
    expect(steps - start).toBeLessThan(total / 2);
    const server = ctx.agent.server!;
    expect(server.maxQueuedLines).toBeLessThanOrEqual(server.highWater + 400); // + one read's worth
    // once the client reads, everything is answered, in order
    client.socket.resume();
    await client.until(total, 120_000);
    expect(client.replies.map((r) => r.id)).toEqual(Array.from({ length: total }, (_, i) => i));
    client.socket.destroy();
  }, 180_000);
});

describe('library API', () => {
  it('steps in process exactly as over the socket', async () => {
    const a = await openAgent({ persistence: { mode: 'none' } });
    const b = await openAgent({ persistence: { mode: 'none' } });
    const client = await AgentClient.connect(b.socket);
    const zs = Array.from({ length: 60 }, (_, t) =>
      Array.from({ length: 48 }, (_, i) => Math.tanh(Math.sin(t * 7 + i))),
    );
    for (const z of zs) {
      const local = await a.agent.stepFeatures(Float32Array.from(z));
      const remote = await client.step(z);
      expect(remote.wrote).toBe(local.wrote);
      expect(remote.gate).toBe(local.gate);
      expect(remote.action).toEqual(Array.from(local.action));
    }
    expect(PROTOCOL_VERSION).toBe(1);
    await client.close();
    await a.agent.close(0);
    await b.agent.close(0);
  }, 30_000);
});
