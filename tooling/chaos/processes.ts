import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { TestProcess } from '@aura/testing';

export const root = path.resolve(import.meta.dirname, '../..');

/** How much of a long-running process's output the harness keeps in memory (its log file has all). */
export const KEEP_OUTPUT_CHARS = 64 * 1024;

/**
 * One supervised process of the stack (an API, a worker, the dashboard, the simulated fleet): started
 * by `launch` (an @aura/testing starter: its own process group, killed with the harness however it
 * ends) with its output appended to a log file, killed with SIGKILL or stopped with SIGTERM, and
 * started again the same way (same port) as often as the harness likes.
 */
export class ManagedProcess {
  private current: TestProcess | undefined;
  private readonly log: WriteStream;
  private stopping = false;
  restarts = 0;
  /** Exits the harness did not cause (a crash): when, and the exit code or signal. */
  readonly crashes: { at: number; exit: string }[] = [];

  constructor(
    readonly name: string,
    private readonly launch: (tee: Writable) => Promise<TestProcess>,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get running(): boolean {
    return this.current?.running ?? false;
  }

  async start(): Promise<void> {
    this.log.write(`\n=== ${new Date().toISOString()} start ${this.name}\n`);
    this.stopping = false;
    const started = await this.launch(this.log);
    this.current = started;
    started.child.once('exit', (code, signal) => {
      if (this.stopping || this.current !== started) return;
      const exit = signal ?? `code ${code}`;
      this.crashes.push({ at: Date.now(), exit });
      this.log.write(`\n=== ${new Date().toISOString()} ${this.name} exited on its own (${exit})\n`);
    });
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.log.write(`\n=== ${new Date().toISOString()} SIGKILL ${this.name}\n`);
    await this.current!.kill();
  }

  async stop(timeoutMs = 30_000): Promise<void> {
    this.stopping = true;
    await this.current?.stop(timeoutMs);
  }

  async restart(): Promise<void> {
    await this.kill();
    this.restarts++;
    await this.start();
  }

  close() {
    this.log.end();
  }
}
