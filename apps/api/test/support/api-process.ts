import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A second, real API process (src/main.ts through tsx) on the same database and Redis prefix. */
export class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly output: string[],
  ) {}

  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, ['--conditions=@aura/source', '--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        PATH: process.env.PATH ?? '',
        CONFIG_SIGNING_DEV_KEYS: 'true',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => output.push(String(chunk)));
    child.stderr?.on('data', (chunk) => output.push(String(chunk)));
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`, output);
    const deadline = Date.now() + 90_000; // tsx compiles the API on start: slow on a loaded machine
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`API process exited: ${output.join('')}`);
      try {
        if ((await fetch(`${api.url}/healthz`)).ok) return api;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`API process did not start: ${output.join('')}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
