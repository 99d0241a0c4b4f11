import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { TestProcess } from '@aura/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ManagedProcess } from './processes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'chaos-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A node process that says 'ready', then exits with `code` after `exitAfterMs` (or never). */
const nodeProcess =
  (name: string, exitAfterMs?: number, code = 3) =>
  (tee: Writable) =>
    TestProcess.start(
      [
        process.execPath,
        '-e',
        `console.log('ready'); setTimeout(() => process.exit(${code}), ${exitAfterMs ?? 3_600_000});`,
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
    const managed = new ManagedProcess('crasher', nodeProcess('crasher', 100), log);
    await managed.start();
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
