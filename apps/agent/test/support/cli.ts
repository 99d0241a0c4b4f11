import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// The real CLI in a real process (node + tsx, workspace sources).
export const root = path.resolve(import.meta.dirname, '../../../..');
const tsx = path.join(root, 'node_modules/tsx/dist/esm/index.mjs');
const main = path.join(root, 'apps/agent/src/main.ts');
export const modelPath = path.join(root, 'models/aura-mem-hard-v1.onnx');
export const nodeArgs = ['--conditions=@aura/source', '--import', tsx, main];

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** the environment a CLI child gets: ours without proxy settings, plus `env` */
function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'])
    delete base[k];
  return { ...base, ...env } as NodeJS.ProcessEnv;
}

/** runs `aura-agent ARGS` to completion */
export function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [...nodeArgs, ...args], {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** a long-running `aura-agent ARGS` (e.g. `run`) */
export class AgentProcess {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string | undefined> = {}, command: string[] = nodeArgs) {
    this.proc = spawn(
      command === nodeArgs ? process.execPath : (command[0] as string),
      [...(command === nodeArgs ? nodeArgs : command.slice(1)), ...args],
      {
        env: childEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.proc.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }

  /** JSON log lines written so far */
  get logs(): { level: string; msg: string; [k: string]: unknown }[] {
    return this.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
  }

  async waitFor(check: (p: this) => boolean, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check(this)) {
      if (this.proc.exitCode !== null)
        throw new Error(`exited ${this.proc.exitCode}: ${this.stderr.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`timed out; stderr: ${this.stderr.slice(-3000)}`);
      await sleep(50);
    }
  }

  async stop(): Promise<number | null> {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
    return this.exited;
  }
}
