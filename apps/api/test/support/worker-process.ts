import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** A real worker process (src/worker.ts through tsx) that a test can kill -9. */
export class WorkerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly output: string[],
  ) {}

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const output: string[] = [];
    const child = spawn(process.execPath, ['--conditions=@aura/source', '--import', 'tsx', 'src/worker.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', CONFIG_SIGNING_DEV_KEYS: 'true', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, output);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker did not start: ${output.join('')}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output.push(String(chunk));
        if (output.join('').includes('worker consuming queues')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk) => output.push(String(chunk)));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`worker exited with ${code}: ${output.join('')}`));
      });
    });
    child.removeAllListeners('exit');
    return worker;
  }

  /** SIGKILL: no shutdown hooks, no cleanup — as a crash or an OOM kill. */
  async kill9(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
