import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBackboneGraph } from '@aura/testing/onnx-graphs';
import { afterAll, describe, expect, it } from 'vitest';
import { CannedApi } from './support/canned-api.js';
import { AgentProcess, cli, modelPath } from './support/cli.js';
import { makeTestCa, TunnelProxy } from './support/tls-and-proxy.js';

const dirs: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'aura-cmd-'));
  dirs.push(d);
  return d;
}
/** a CannedApi and an HTTP CONNECT proxy in front of it, both stopped after the file */
async function cannedApiBehindProxy(): Promise<{ api: CannedApi; proxy: TunnelProxy }> {
  const api = await new CannedApi().start();
  const proxy = await new TunnelProxy().start();
  cleanups.push(
    () => api.stop(),
    () => proxy.stop(),
  );
  return { api, proxy };
}
function configFile(dir: string, extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'agent.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'cmd-test',
      model: { path: modelPath },
      stateDir: 'state',
      persistence: { mode: 'none' },
      telemetry: { windowSeconds: 0.2 },
      ...extra,
    }),
  );
  return file;
}
function agent(args: string[], env: Record<string, string | undefined> = {}): AgentProcess {
  const p = new AgentProcess(args, env);
  cleanups.push(() => p.stop());
  return p;
}
const started = (p: AgentProcess) => p.logs.some((l) => l.msg.startsWith('started'));

describe('aura-agent run refuses what it cannot run (exit 78)', () => {
  it('a model that breaks the step contract, naming every mismatch', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'backbone.onnx');
    writeFileSync(bad, buildBackboneGraph(28, 48));
    const r = await cli(['run', '--config', configFile(dir, { model: { path: bad } })]);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`model.path: ${bad} does not match the AURA-Mem step contract:`);
    const mismatches = r.stderr.split('\n').filter((l) => l.startsWith('      '));
    expect(mismatches.length).toBeGreaterThanOrEqual(5);
    for (const m of [
      'metadata "aura.dModel" is missing',
      'input "z" is missing',
      'output "W_next" is missing',
    ]) {
      expect(mismatches.some((l) => l.includes(m))).toBe(true);
    }
  }, 60_000);

  it('a model file other than the pinned sha256, and an execution provider the robot lacks', async () => {
    const dir = tmp();
    const wrong = await cli([
      'run',
      '--config',
      configFile(dir, { model: { path: modelPath, sha256: 'ab'.repeat(32) } }),
    ]);
    expect(wrong.code).toBe(78);
    expect(wrong.stderr).toMatch(
      /model\.sha256: refusing model .* sha256 is [0-9a-f]{64}, the configuration expects (ab){32}/,
    );
    const cuda = await cli([
      'run',
      '--config',
      configFile(dir, { model: { path: modelPath, executionProviders: ['cuda'] } }),
    ]);
    expect(cuda.code).toBe(78);
    expect(cuda.stderr).toContain(
      'model.executionProviders: execution provider "cuda" is not available on this machine',
    );
    expect(cuda.stderr).toContain('onnxruntime-node does not ship the cuda provider libraries');
    const sha = createHash('sha256').update(readFileSync(modelPath)).digest('hex');
    const pinned = await cli([
      'run',
      '--config',
      configFile(dir, { model: { path: modelPath, sha256: sha } }),
      '--synthetic',
      '--steps',
      '20',
    ]);
    expect(pinned.code).toBe(0);
  }, 90_000);
});

describe('aura-agent status', () => {
  it('reads the running agent over its socket: exit 0 healthy, 3 when no agent answers', async () => {
    const dir = tmp();
    const config = configFile(dir);
    const p = agent(['run', '--config', config, '--synthetic', '--hz', '200']);
    await p.waitFor(started);
    await new Promise((r) => setTimeout(r, 800));
    const r = await cli(['status', '--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^aura-agent \d+\.\d+\.\d+ \(pid \d+, up .*\): healthy$/m);
    expect(r.stdout).toContain('robot      cmd-test, not enrolled');
    expect(r.stdout).toContain('api        (none: offline)');
    expect(r.stdout).toMatch(/memory {5}[\d,]+ steps, [\d,]+ writes .* state 4,224 B, none/);
    expect(r.stdout).toMatch(/today {6}[\d,]+ writes, .* to flash/);
    expect(r.stdout).toMatch(/model {6}aura-mem-hard-v1 sha256 [0-9a-f]{16}… on cpu/);
    // --synthetic drives the robot in process: socket clients may watch, not step
    expect(r.stdout).toContain('clients    1 connected, driven by synthetic robot (in process)'); // 1: this status request
    const json = JSON.parse((await cli(['status', '--config', config, '--json'])).stdout);
    expect(json.health).toEqual({ ok: true, problems: [] });
    expect(json.inventory).toMatchObject({
      os: { platform: 'linux' },
      model: { executionProviders: ['cpu'] },
    });
    expect(await p.stop()).toBe(0);
    const gone = await cli(['status', '--config', config]);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toContain('no agent answers on');
    // quiet by default: state changes, no periodic lines
    expect(p.logs.map((l) => l.msg).filter((m) => m.startsWith('steps'))).toEqual([]);
    expect(p.logs.length).toBeLessThanOrEqual(5);
  }, 90_000);

  it('exits 1 when the API refuses the credential, naming why; requests went through HTTP_PROXY', async () => {
    const dir = tmp();
    const { api, proxy } = await cannedApiBehindProxy();
    const config = configFile(dir, { development: true, api: { url: api.url, enrollmentToken: 'token' } });
    const p = agent(['run', '--config', config, '--synthetic', '--hz', '100'], { HTTP_PROXY: proxy.url });
    await p.waitFor((x) => x.logs.some((l) => l.msg.startsWith('enrolled as robot')));
    await p.waitFor(() => api.records.length > 0);
    expect(proxy.tunnels).toContain(new URL(api.url).host);
    api.unauthorized = true;
    await p.waitFor((x) => x.logs.some((l) => l.level === 'error' && l.msg.includes('no longer accepts')));
    const r = await cli(['status', '--config', config]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('UNHEALTHY');
    expect(r.stdout).toMatch(
      /! api: control plane unauthorized: (telemetry refused|config|report): 401 unauthorized: robot decommissioned/,
    );
    expect(await p.stop()).toBe(0);
  }, 90_000);
});

describe('aura-agent doctor', () => {
  it('checks config, model, state, proxy route, API reachability and clock skew', async () => {
    const dir = tmp();
    const { api, proxy } = await cannedApiBehindProxy();
    const config = configFile(dir, { development: true, api: { url: api.url, enrollmentToken: 'token' } });
    const env = { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' };
    const ok = await cli(['doctor', '--config', config], env);
    expect(ok.stdout).toContain(`ok    config: ${config} is valid`);
    expect(ok.stdout).toMatch(/warn {2}model\.sha256: not pinned \(the file's is [0-9a-f]{64}\)/);
    expect(ok.stdout).toContain('ok    model contract:');
    expect(ok.stdout).toContain('ok    model.executionProviders: session created with cpu');
    expect(ok.stdout).toContain('ok    proxy: direct (NO_PROXY entry "127.0.0.1")');
    expect(ok.stdout).toMatch(/ok {4}api reachable: \/livez 200 in \d+ ms/);
    expect(ok.stdout).toMatch(/ok {4}clock: this robot's clock is \d+ ms (ahead of|behind) the API's/);
    expect(ok.stdout).toContain('ok    enrolment: not enrolled yet; an enrolment token is configured');
    expect(ok.stdout).toContain('no problems found');
    expect(ok.code).toBe(0);
    expect(proxy.tunnels).toEqual([]);
    // through the proxy, and a clock two minutes off
    api.dateOffsetMs = 120_000;
    const skewed = await cli(['doctor', '--config', config], { HTTP_PROXY: proxy.url });
    expect(skewed.stdout).toContain(`ok    proxy: through ${proxy.url}`);
    expect(skewed.stdout).toMatch(/FAIL {2}clock: this robot's clock is 1\d\d,?\d* ms behind the API's/);
    expect(skewed.code).toBe(1);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
  }, 90_000);

  it('fails naming the setting when the config is bad', async () => {
    const dir = tmp();
    const r = await cli(['doctor', '--config', configFile(dir, { api: { url: 'http://10.1.2.3' } })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}config: invalid configuration .* api\.url: plain http:\/\//);
  }, 30_000);
});

describe('TLS to the API', () => {
  it('says what is wrong with an untrusted certificate, and enrols once api.caFile names the CA', async () => {
    const dir = tmp();
    const ca = makeTestCa(dir);
    const api = await new CannedApi().start({ key: ca.key, cert: ca.cert });
    cleanups.push(() => api.stop());
    const config = configFile(dir, { api: { url: api.url, enrollmentToken: 'token' } });
    const doctor = await cli(['doctor', '--config', config]);
    expect(doctor.stdout).toMatch(
      /FAIL {2}api reachable: .*TLS: the API's certificate .*a CA this robot does not trust \([A-Z_]+\); set api\.caFile/,
    );
    const untrusted = agent(['run', '--config', config, '--synthetic', '--hz', '50']);
    await untrusted.waitFor((x) =>
      x.logs.some((l) => l.msg.startsWith('API unreachable') && l.msg.includes('TLS:')),
    );
    expect(await untrusted.stop()).toBe(0);
    const trusted = agent(['run', '--config', config, '--synthetic', '--hz', '50'], {
      AURA_AGENT_API_CA_FILE: ca.caFile,
    });
    await trusted.waitFor((x) => x.logs.some((l) => l.msg.startsWith('enrolled as robot')));
    await trusted.waitFor(() => api.records.length > 0);
    expect(await trusted.stop()).toBe(0);
    expect(existsSync(path.join(dir, 'state/credentials/credential.json'))).toBe(true);
  }, 120_000);
});
