import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../src/index.js';
import { AgentProcess, modelPath, root } from './support/cli.js';

// examples/python/aura_client.py (standard library only) against a real agent process.
const example = path.join(root, 'examples/python/aura_client.py');
const dir = mkdtempSync(path.join(tmpdir(), 'aura-py-'));
let agent: AgentProcess | undefined;
afterAll(async () => {
  await agent?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function python(): string {
  const found = spawnSync('python3', ['--version']);
  if (found.status !== 0 && process.getuid?.() === 0) {
    execFileSync('apt-get', ['install', '-y', '-qq', 'python3'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return 'python3';
}

describe('examples/python/aura_client.py', () => {
  it('is at most 40 lines and drives a real agent over its socket', async () => {
    expect(spawnSync('wc', ['-l', example]).stdout.toString().trim().split(' ')[0]).toMatch(
      /^([1-3]?\d|40)$/,
    );
    const socket = path.join(dir, 'agent.sock');
    const config = path.join(dir, 'agent.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'py-robot',
        model: { path: modelPath },
        stateDir: 'state',
        persistence: { mode: 'snapshot' },
        socket: { path: socket },
      }),
    );
    agent = new AgentProcess(['run', '--config', config]);
    await agent.waitFor((p) => p.logs.some((l) => l.msg.startsWith('started')));
    const r = spawnSync(python(), [example, socket, '200'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^200 steps from step 0: \d+ memory writes, gate \d\.\d{3}, action \[/m);
    expect(r.stdout).toContain('health: {"ok": true, "problems": []}');
    const client = await AgentClient.connect(socket);
    const status = await client.status<{ memory: { steps: number } }>();
    expect(status.memory.steps).toBe(200);
    await client.close();
    // a bad request from Python gets a named error; the agent keeps serving
    const bad = spawnSync(
      python(),
      [
        '-c',
        `
import json, socket
s = socket.socket(socket.AF_UNIX); s.connect(${JSON.stringify(socket)}); f = s.makefile("r")
s.sendall(b'{"op":"step","z":[1,2]}\\n'); print(f.readline().strip())
s.sendall(b'{"op":"status"}\\n'); print(json.loads(f.readline())["ok"])`,
      ],
      { encoding: 'utf8' },
    );
    expect(bad.stdout).toContain('"field":"z"');
    expect(bad.stdout.trim().endsWith('True')).toBe(true);
    expect(await agent.stop()).toBe(0);
  }, 90_000);
});
