import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicConfigKey, signConfigEnvelope, TelemetryRecordSchema } from '@aura/core';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentConfigSchema as Schema } from '../config/agent-config.js';
import { RobotAgent } from './robot-agent.js';

const modelPath = path.resolve(import.meta.dirname, '../../../../models/aura-mem-hard-v1.onnx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function config(extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-robot-'));
  dirs.push(dir);
  return Schema.parse({
    model: { path: modelPath },
    stateDir: dir,
    persistence: { mode: 'delta-log', dir: path.join(dir, 'state') },
    telemetry: { windowSeconds: 10 },
    ...extra,
  });
}

describe('RobotAgent', () => {
  it('closes a telemetry window every windowSeconds of (fake) clock, with cumulative flash and wear', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const agent = await RobotAgent.open({ config: config(), now: () => now });
    for (let i = 0; i < 300; i++) {
      now += 100; // 0.1 s per step: a window every 100 steps
      await agent.step();
    }
    const records = agent.outbox.peek(100);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    for (const r of records) {
      expect(TelemetryRecordSchema.parse(r)).toEqual(r);
      expect(r.steps).toBe(100);
      expect(Date.parse(r.windowEnd) - Date.parse(r.windowStart)).toBe(10_000);
    }
    expect(records[2]?.kvEquivalentBytes).toBe(300 * 256);
    expect(records[2]?.flashBytesWritten).toBeGreaterThan(records[0]?.flashBytesWritten ?? 0);
    expect(records[2]?.wearFraction).toBeGreaterThan(0);
    expect(records[0]).not.toHaveProperty('policyVersionId'); // no config yet: unknown, not a made-up name
    await agent.close();
  });

  it('clears the memory at the end of each episode (persisted), and answers like the model card, not at chance', async () => {
    const episodeLength = 36; // the committed model's task (hard)
    const run = async (resetOnEpisodeEnd: boolean) => {
      const c = config({ memory: { resetOnEpisodeEnd }, persistence: { mode: 'snapshot' } });
      const agent = await RobotAgent.open({ config: c });
      let rewards = 0;
      let zeroAfterEpisode = true;
      for (let i = 1; i <= 40 * episodeLength; i++) {
        rewards += (await agent.runtime.step()).reward;
        if (i % episodeLength === 0) zeroAfterEpisode &&= agent.runtime.W.every((x) => x === 0);
      }
      const window = agent.runtime.takeWindow();
      const steps = agent.runtime.totals.steps;
      await agent.close();
      const reopened = await RobotAgent.open({ config: c });
      const resumed = {
        steps: reopened.runtime.totals.steps,
        zero: reopened.runtime.W.every((x) => x === 0),
      };
      await reopened.close();
      return { rewards, zeroAfterEpisode, window, steps, resumed };
    };
    const reset = await run(true);
    expect(reset.zeroAfterEpisode).toBe(true);
    expect(reset.resumed).toEqual({ steps: reset.steps, zero: true }); // the reset was persisted
    expect(reset.window.writes).toBeLessThan(reset.window.steps / 2); // gate writes only, not resets
    const carried = await run(false);
    expect(carried.zeroAfterEpisode).toBe(false);
    // 8 scored queries per episode, 8-way answers: the card’s accuracy (≈ 0.77) with resets, near chance (0.125) without
    expect(reset.rewards / (40 * 8)).toBeGreaterThan(0.6);
    expect(carried.rewards / (40 * 8)).toBeLessThan(0.3);
  }, 60_000);

  it('applies a signed config at the next step boundary and reports its policy version; keeps it across restarts', async () => {
    const key = { keyId: 'k1', privateKey: generateKeyPairSync('ed25519').privateKey };
    const c = config({ trustedConfigKeys: [publicConfigKey(key)] });
    let now = 0;
    const agent = await RobotAgent.open({ config: c, now: () => now });
    await agent.step();
    const policyVersionId = randomUUID();
    const envelope = signConfigEnvelope(
      {
        robotId: randomUUID(),
        policyVersionId,
        version: 1,
        tau: 0.8,
        persistMode: 'snapshot',
        issuedAt: new Date(0).toISOString(),
      },
      key,
    );
    expect(agent.applyConfig(envelope).status).toBe('applied');
    expect(agent.runtime.appliedTau).toBe(0.5);
    await agent.step();
    expect(agent.runtime.appliedTau).toBe(0.8);
    now = 10_000;
    const record = agent.closeWindow();
    // the mode the store runs with, not the config's (that one applies at the next start)
    expect(record).toMatchObject({
      tau: 0.8,
      policyVersionId,
      persistMode: c.persistence.mode,
    });
    expect(agent.applyConfig(envelope)).toMatchObject({ status: 'applied', alreadyApplied: true });
    await agent.close();
    const again = await RobotAgent.open({ config: c });
    expect(again.runtime.tau).toBe(0.8);
    expect(again.persistMode).toBe('snapshot'); // the config's persistMode, from the next start
    await again.step();
    expect(again.closeWindow()?.persistMode).toBe('snapshot');
    await again.close();
  });
});
