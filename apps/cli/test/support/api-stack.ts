import { Writable } from 'node:stream';
import { startStack } from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import { type RunOptions, run } from '../../src/run.js';

/**
 * A real API process for the CLI's tests (@aura/testing's stack without a dashboard): its own freshly
 * migrated database — its fleet-wide state (the default policy) is nobody else's —, a Redis prefix
 * under the run's, and an admin key made by the admin CLI.
 */
export async function startApi() {
  const stack = await startStack(runServiceEnv(), { dashboard: false });
  return { url: stack.apiUrl, adminKey: stack.adminKey, databaseUrl: stack.databaseUrl, stop: stack.stop };
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void) {
    this.text += String(chunk);
    callback();
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for `-o json`). */
  json: <T = unknown>() => T;
}

/** Runs `aura …` in this process (the same run() the binary calls) and captures what it prints. */
export async function aura(
  argv: string[],
  options: { env: RunOptions['env']; stdin?: string; sleep?: RunOptions['sleep'] },
): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await run(argv, {
    env: options.env,
    stdout,
    stderr,
    readStdin: async () => options.stdin ?? '',
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return {
    code,
    stdout: stdout.text,
    stderr: stderr.text,
    json: () => JSON.parse(stdout.text),
  };
}
