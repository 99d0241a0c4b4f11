import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { sleep } from './ports.js';

/** How a started process proves it is ready. */
export type Readiness =
  /** An HTTP GET answers below 500 (`ok: true`: 2xx only). */
  | { url: string; ok?: boolean }
  /** A line of its output (stdout or stderr) contains this text. */
  | { output: string }
  /** Nothing to wait for. */
  | undefined;

export interface ProcessOptions {
  /** A name for messages. */
  name: string;
  cwd: string;
  /** The whole environment of the process besides PATH (nothing else of the test process leaks in). */
  env: Record<string, string>;
  ready?: Readiness;
  /** How long readiness may take (ms). */
  timeoutMs?: number;
  /** Also copy the output here (a log file, process.stderr). It is always kept in `output` too. */
  tee?: Writable;
  /**
   * Keep only about the last this many characters of output in `output` (a process that runs for
   * minutes and logs a lot, its whole output going to `tee`); all of it by default.
   */
  keepOutputChars?: number;
}

/** Processes started and not yet seen to exit: killed when the test process ends, however it ends. */
const live = new Set<TestProcess>();
let hooked = false;
function killLeftovers() {
  for (const child of live) child.signal('SIGKILL');
  live.clear();
}
function hookExit() {
  if (hooked) return;
  hooked = true;
  // 'exit' runs on a normal end and after an uncaught error. A signal kills the children too, and ends
  // the process as the signal would have unless someone else listens for it (a suite interrupted with
  // Ctrl-C leaves no API or dashboard behind).
  process.once('exit', killLeftovers);
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const signal of Object.keys(codes) as (keyof typeof codes)[]) {
    process.on(signal, function onSignal() {
      killLeftovers();
      if (process.listeners(signal).every((listener) => listener === onSignal)) process.exit(codes[signal]);
    });
  }
}

/**
 * A child process of a test: its own process group (so that whatever it starts goes with it), its
 * output kept for error messages, stopped with SIGTERM then SIGKILL, and killed when readiness fails
 * or the test process ends. `TestProcess.start` never leaves a process behind when it throws.
 */
export class TestProcess {
  readonly output: string[] = [];

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {}

  static async start(command: string[], options: ProcessOptions): Promise<TestProcess> {
    hookExit();
    const [file, ...args] = command;
    if (!file) throw new Error(`${options.name}: empty command`);
    const child = spawn(file, args, {
      cwd: options.cwd,
      // A whole environment of its own (cast: under the dashboard's tsconfig Next.js's types make
      // NODE_ENV a required member of ProcessEnv, and this module is compiled there by its e2e tests).
      env: { PATH: process.env.PATH ?? '', ...options.env } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const started = new TestProcess(options.name, child);
    live.add(started);
    child.once('exit', () => live.delete(started));
    const keep = options.keepOutputChars ?? Number.POSITIVE_INFINITY;
    let kept = 0;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        const text = String(chunk);
        started.output.push(text);
        kept += text.length;
        while (kept > keep && started.output.length > 1) kept -= started.output.shift()!.length;
        options.tee?.write(chunk);
      });
    }
    try {
      await started.waitUntilReady(options.ready, options.timeoutMs ?? 60_000);
    } catch (error) {
      await started.kill();
      throw error;
    }
    return started;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last `chars` characters of its output, for error messages. */
  tail(chars = 2000): string {
    return this.output.join('').slice(-chars);
  }

  /** Sends `signal` to the whole process group. */
  signal(signal: NodeJS.Signals) {
    if (!this.running || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      this.child.kill(signal);
    }
  }

  /** SIGKILL: no shutdown hooks, as a crash or an OOM kill. Resolves once it has exited. */
  async kill(): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.signal('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL after `timeoutMs`. Resolves once it has exited. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private async waitUntilReady(ready: Readiness, timeoutMs: number): Promise<void> {
    if (!ready) return;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(
          `${this.name} exited (${this.child.exitCode ?? this.child.signalCode}): ${this.tail()}`,
        );
      }
      if ('output' in ready) {
        if (this.output.join('').includes(ready.output)) return;
      } else {
        try {
          const response = await fetch(ready.url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
          if (ready.ok ? response.ok : response.status < 500) return;
        } catch {}
      }
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s: ${this.tail()}`);
  }
}

/** `node --conditions=@aura/source --import tsx <entry> …`: a workspace entry point from its sources. */
export const tsxCommand = (entry: string, ...args: string[]) => [
  process.execPath,
  '--conditions=@aura/source',
  '--import',
  'tsx',
  entry,
  ...args,
];
