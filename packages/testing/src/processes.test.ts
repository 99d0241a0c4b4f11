import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { freePort } from './ports.js';
import { TestProcess, tsxCommand } from './processes.js';

/** Whether `pid` runs (a zombie waiting for its new parent to reap it counts as gone). */
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
};
/** A shell that starts a grandchild `sleep`, prints its pid, then runs `tail`. */
const withGrandchild = (tail: string) => ['sh', '-c', `sleep 60 & echo "grandchild $!"; ${tail}`];
const grandchildPid = (started: { output: string[] } | string) => {
  const text = typeof started === 'string' ? started : started.output.join('');
  return Number(/grandchild (\d+)/.exec(text)?.[1]);
};

describe('TestProcess', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-testing-'));

  it('is ready on a line of its output, and stop ends its whole process group', async () => {
    const started = await TestProcess.start(withGrandchild('echo listening; sleep 60'), {
      name: 'shell',
      cwd: dir,
      env: {},
      ready: { output: 'listening' },
    });
    const grandchild = grandchildPid(started);
    expect(alive(grandchild)).toBe(true);
    await started.stop();
    expect(started.running).toBe(false);
    await expect.poll(() => alive(grandchild)).toBe(false);
  });

  it('is ready once its URL answers', async () => {
    const port = await freePort();
    const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    const started = await TestProcess.start([process.execPath, '-e', script], {
      name: 'http',
      cwd: dir,
      env: {},
      ready: { url: `http://127.0.0.1:${port}/`, ok: true },
    });
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await started.kill();
    expect(started.running).toBe(false);
  });

  it('keeps only the tail of its output in memory with keepOutputChars, all of it in tee', async () => {
    const teed: string[] = [];
    const tee = new Writable({
      write(chunk, _encoding, done) {
        teed.push(String(chunk));
        done();
      },
    });
    const started = await TestProcess.start(
      ['sh', '-c', 'for i in $(seq 1 2000); do echo "line $i"; done; echo done; sleep 60'],
      { name: 'chatty', cwd: dir, env: {}, ready: { output: 'done' }, keepOutputChars: 1000, tee },
    );
    await started.kill();
    const kept = started.output.join('');
    expect(kept.length).toBeLessThan(1000 + 8192); // at most one chunk beyond the limit
    expect(kept).toContain('line 2000');
    expect(kept).not.toContain('line 1\n');
    expect(teed.join('')).toContain('line 1\n');
  });

  it('throws with its output when it exits before it is ready', async () => {
    await expect(
      TestProcess.start(['sh', '-c', 'echo "config: DATABASE_URL is missing" >&2; exit 3'], {
        name: 'broken',
        cwd: dir,
        env: {},
        ready: { output: 'never' },
      }),
    ).rejects.toThrow(/broken exited \(3\): config: DATABASE_URL is missing/);
  });

  it('kills what it started when readiness times out, grandchildren too', async () => {
    const error = await TestProcess.start(withGrandchild('sleep 60'), {
      name: 'slow',
      cwd: dir,
      env: {},
      ready: { output: 'never printed' },
      timeoutMs: 1_000,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/slow was not ready within 1 s/);
    const grandchild = grandchildPid((error as Error).message);
    expect(grandchild).toBeGreaterThan(0);
    await expect.poll(() => alive(grandchild)).toBe(false);
  });

  it('leaves no process behind when the test process dies of an uncaught error', () => {
    const script = path.join(dir, 'crash.mts');
    writeFileSync(
      script,
      `import { TestProcess } from '${path.join(import.meta.dirname, 'processes.ts')}';
const started = await TestProcess.start(['sleep', '60'], { name: 'sleeper', cwd: '/', env: {} });
console.log('pid ' + String(started.pid)); // one string: FORCE_COLOR would colour a number argument
throw new Error('the suite failed');
`,
    );
    const [node, ...args] = tsxCommand(script);
    const run = spawnSync(node!, args, { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '..') });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('the suite failed');
    const pid = Number(/pid (\d+)/.exec(run.stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });
});

describe('freePort', () => {
  it('gives a port a server can listen on', async () => {
    const port = await freePort();
    const server = http.createServer();
    await new Promise<void>((resolve, reject) =>
      server.once('error', reject).listen(port, '127.0.0.1', resolve),
    );
    server.close();
  });
});
