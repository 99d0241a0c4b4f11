import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { TestProcess } from '@aura/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from './processes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chaos-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A node process that says 'ready', then exits with code 3 once `exitWhen` exists (never without it):
 * the test decides when, so a loaded machine cannot make it exit before its readiness is seen.
 */
const nodeProcess = (name: string, exitWhen?: string) => (tee: Writable) =>
  TestProcess.start(
    [
      process.execPath,
      '-e',
      `console.log('ready'); const f = ${JSON.stringify(exitWhen ?? '')};
         setInterval(() => { if (f && require('node:fs').existsSync(f)) process.exit(3); }, 20);`,
    ],
    { name, cwd: dir, env: {}, ready: { output: 'ready' }, tee },
  );

const until = async (condition: () => boolean, timeoutMs = 10_000) => {
  for (const deadline = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('ManagedProcess (chaos harness)', () => {
  it('records an exit it did not cause as a crash, in its log too', async () => {
    const log = path.join(dir, 'crash.log');
    const exitNow = path.join(dir, 'exit-now');
    const managed = new ManagedProcess('crasher', nodeProcess('crasher', exitNow), log);
    await managed.start();
    expect(managed.running).toBe(true);
    writeFileSync(exitNow, '');
    await until(() => !managed.running);
    expect(managed.crashes).toEqual([{ at: expect.any(Number), exit: 'code 3' }]);
    managed.close();
    await until(() => readFileSync(log, 'utf8').includes('exited on its own (code 3)'));
  });

  it('does not count its own SIGKILL, restart or stop', async () => {
    const managed = new ManagedProcess('steady', nodeProcess('steady'), path.join(dir, 'steady.log'));
    await managed.start();
    await managed.restart();
    await managed.kill();
    await managed.start();
    await managed.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(managed.running).toBe(false);
    expect(managed.crashes).toEqual([]);
    managed.close();
  });
});
