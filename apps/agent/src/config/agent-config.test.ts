import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentConfigError, loadAgentConfig } from './agent-config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'aura-agent-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const f = path.join(dir, name);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

describe('loadAgentConfig', () => {
  it('fills defaults and resolves paths against the file', () => {
    const c = loadAgentConfig(file('min.json', { model: { path: 'm.onnx' } }));
    expect(c.model.path).toBe(path.join(dir, 'm.onnx'));
    expect(c.stateDir).toBe(path.join(dir, '.aura-agent'));
    expect(c.persistence).toEqual({
      mode: 'delta-log',
      checkpointEvery: 64,
      dir: path.join(dir, '.aura-agent/state'),
    });
    expect(c.device).toMatchObject({
      capacityBytes: 32_000_000_000,
      ratedPeCycles: 3000,
      writeAmplification: 2,
    });
    expect(c.telemetry).toEqual({ windowSeconds: 10, outboxMaxRecords: 100_000, batchSize: 100 });
    expect(c.api.url).toBeUndefined();
  });

  it('applies environment overrides', () => {
    const c = loadAgentConfig(file('env.json', { model: { path: 'm.onnx' } }), {
      AURA_AGENT_PERSIST_MODE: 'snapshot',
      AURA_AGENT_TELEMETRY_WINDOW_SECONDS: '2',
      AURA_AGENT_API_URL: 'http://127.0.0.1:3000',
      AURA_AGENT_DEVELOPMENT: '1',
      AURA_AGENT_DEVICE_WAF: '3.5',
    });
    expect(c.development).toBe(true);
    expect(c.persistence.mode).toBe('snapshot');
    expect(c.telemetry.windowSeconds).toBe(2);
    expect(c.api.url).toBe('http://127.0.0.1:3000');
    expect(c.device.writeAmplification).toBe(3.5);
  });

  it('names every bad setting, including the environment variable it came from', () => {
    const f = file('bad.json', {
      model: { path: 'm.onnx' },
      persistence: { mode: 'sometimes' },
      colour: 'red',
    });
    let error: AgentConfigError | undefined;
    try {
      loadAgentConfig(f, { AURA_AGENT_TAU: '1.5', AURA_AGENT_CHECKPOINT_EVERY: 'often' });
    } catch (err) {
      error = err as AgentConfigError;
    }
    expect(error).toBeInstanceOf(AgentConfigError);
    const text = error?.problems.join('\n') ?? '';
    expect(text).toContain('AURA_AGENT_CHECKPOINT_EVERY (persistence.checkpointEvery): must be a number');
    expect(text).toContain('persistence.mode');
    expect(text).toContain('tau (from AURA_AGENT_TAU)');
    expect(text).toContain('colour');
  });

  it('refuses a plain http:// API URL unless the setup says it is for development', () => {
    const f = file('http.json', { model: { path: 'm.onnx' }, api: { url: 'http://fleet.example:4000' } });
    expect(() => loadAgentConfig(f)).toThrow(/api\.url: plain http:\/\/ would send the robot secret/);
    expect(() => loadAgentConfig(f, { AURA_AGENT_DEVELOPMENT: 'maybe' })).toThrow(
      /AURA_AGENT_DEVELOPMENT \(development\): must be 1\/0, true\/false or yes\/no/,
    );
    expect(loadAgentConfig(f, { AURA_AGENT_DEVELOPMENT: 'true' }).api.url).toBe('http://fleet.example:4000');
    const dev = file('http-dev.json', {
      model: { path: 'm.onnx' },
      development: true,
      api: { url: 'http://127.0.0.1:4000' },
    });
    expect(loadAgentConfig(dev).development).toBe(true);
    const env = file('https.json', { model: { path: 'm.onnx' } });
    expect(() => loadAgentConfig(env, { AURA_AGENT_API_URL: 'http://10.0.0.2' })).toThrow(
      /api\.url \(from AURA_AGENT_API_URL\): plain http/,
    );
    expect(loadAgentConfig(env, { AURA_AGENT_API_URL: 'https://fleet.example' }).api.url).toBe(
      'https://fleet.example',
    );
  });

  it('refuses unreadable JSON and a missing model', () => {
    expect(() => loadAgentConfig(file('broken.json', '{nope'))).toThrow(/cannot read the file as JSON/);
    expect(() => loadAgentConfig(path.join(dir, 'absent.json'))).toThrow(AgentConfigError);
    expect(() => loadAgentConfig(file('nomodel.json', {}))).toThrow(/model/);
  });
});
