import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Hosts on one machine: each a Linux network namespace with its own address on a private bridge
 * (ENVIRONMENT.md, "several hosts"). Processes started on a host see only that host's interfaces;
 * nothing reaches another host through 127.0.0.1. Partitions drop packets with nftables inside the
 * partitioned host. `destroy()` kills every process in every namespace of the network and deletes
 * the namespaces, the veth pairs and the bridge — also after a failure or a crash of an earlier run
 * (`sweepStale`).
 */

const STATE_DIR = '/run/aura-multihost';

function run(command: string, args: string[], options: { allowFail?: boolean; input?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input: options.input });
  if (result.status !== 0 && !options.allowFail) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout || result.error}`);
  }
  return result.stdout ?? '';
}

export interface MachineSupport {
  ok: boolean;
  reason?: string;
}

/** Can this machine make network namespaces and drop packets in them? */
export function checkSupport(): MachineSupport {
  if (process.platform !== 'linux') return { ok: false, reason: 'network namespaces need Linux' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'creating network namespaces needs root' };
  if (spawnSync('ip', ['-V']).status !== 0) return { ok: false, reason: 'iproute2 (`ip`) is not installed' };
  if (spawnSync('nft', ['--version']).status !== 0) {
    // The test installs what it needs where it can (as `pnpm test` does for Chromium).
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    console.log('multihost: installing nftables (apt-get install nftables) for the partitions…');
    spawnSync('apt-get', ['install', '-y', '-qq', 'nftables'], { stdio: 'inherit', env });
    if (spawnSync('nft', ['--version']).status !== 0) {
      return { ok: false, reason: 'nftables (`nft`) is not installed and apt-get could not install it' };
    }
  }
  const probe = `amhprobe${process.pid % 100000}`;
  const made = spawnSync('ip', ['netns', 'add', probe]);
  if (made.status !== 0) {
    return { ok: false, reason: `ip netns add failed: ${String(made.stderr).trim()}` };
  }
  spawnSync('ip', ['netns', 'del', probe]);
  return { ok: true };
}

export interface Host {
  name: string;
  netns: string;
  ip: string;
}

export interface HostProcess {
  host: Host;
  label: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

export class Network {
  readonly hosts = new Map<string, Host>();
  readonly processes: HostProcess[] = [];
  private readonly bridge: string;
  private readonly subnet: string;
  private nextOctet = 10;
  private destroyed = false;

  private constructor(
    readonly id: string,
    readonly workDir: string,
    octets: [number, number],
  ) {
    this.bridge = `amh${id}br`;
    this.subnet = `10.${octets[0]}.${octets[1]}`;
  }

  /** The address of the machine itself on the bridge (the operator's laptop, in the test). */
  get gatewayIp(): string {
    return `${this.subnet}.1`;
  }

  get cidr(): string {
    return `${this.subnet}.0/24`;
  }

  static create(workDir: string): Network {
    sweepStale();
    const id = Math.floor(Math.random() * 0xffff)
      .toString(16)
      .padStart(4, '0');
    const octets = pickFreeSubnet();
    const network = new Network(id, workDir, octets);
    mkdirSync(STATE_DIR, { recursive: true });
    writeFileSync(path.join(STATE_DIR, `${id}.json`), JSON.stringify({ pid: process.pid, id }));
    try {
      run('ip', ['link', 'add', network.bridge, 'type', 'bridge']);
      run('ip', ['addr', 'add', `${network.gatewayIp}/24`, 'dev', network.bridge]);
      run('ip', ['link', 'set', network.bridge, 'up']);
    } catch (error) {
      network.destroy();
      throw error;
    }
    return network;
  }

  /** A new host: namespace, veth pair into the bridge, its own address, loopback up. */
  addHost(name: string): Host {
    const octet = this.nextOctet++;
    const host: Host = { name, netns: `amh${this.id}-${name}`, ip: `${this.subnet}.${octet}` };
    const outside = `amh${this.id}v${octet}`;
    const inside = `amh${this.id}p${octet}`;
    run('ip', ['netns', 'add', host.netns]);
    this.hosts.set(name, host);
    run('ip', ['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
    run('ip', ['link', 'set', outside, 'master', this.bridge, 'up']);
    run('ip', ['link', 'set', inside, 'netns', host.netns]);
    const exec = (...args: string[]) => run('ip', ['netns', 'exec', host.netns, ...args]);
    exec('ip', 'link', 'set', inside, 'name', 'eth0');
    exec('ip', 'addr', 'add', `${host.ip}/24`, 'dev', 'eth0');
    exec('ip', 'link', 'set', 'eth0', 'up');
    exec('ip', 'link', 'set', 'lo', 'up');
    return host;
  }

  /** Starts `command` on `host`; stdout and stderr go to `<workDir>/logs/<label>.log`. */
  start(
    host: Host,
    label: string,
    command: string,
    args: string[],
    options: { env?: Record<string, string>; cwd?: string; uid?: string } = {},
  ): HostProcess {
    const logDir = path.join(this.workDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const logFile = path.join(logDir, `${label}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    // setpriv execs in place, so the child's pid is the program's own (signals reach it directly).
    const asUser = options.uid
      ? ['setpriv', `--reuid=${options.uid}`, `--regid=${options.uid}`, '--init-groups', '--']
      : [];
    const child = spawn('ip', ['netns', 'exec', host.netns, ...asUser, command, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code, signal) => {
        log.end(`\n[${label} exited: ${code ?? signal}]\n`);
        resolve(code);
      });
    });
    const started: HostProcess = { host, label, child, logFile, exited };
    this.processes.push(started);
    return started;
  }

  /** Drops every packet between `host` and `peer` (both directions) until `heal`. */
  partition(host: Host, peer: Host): void {
    const rules = `table inet aura_partition {
  chain output { type filter hook output priority 0; ip daddr ${peer.ip} drop; }
  chain input { type filter hook input priority 0; ip saddr ${peer.ip} drop; }
}
`;
    run('ip', ['netns', 'exec', host.netns, 'nft', '-f', '-'], { input: rules });
  }

  heal(host: Host): void {
    run('ip', ['netns', 'exec', host.netns, 'nft', 'delete', 'table', 'inet', 'aura_partition'], {
      allowFail: true,
    });
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(process_: HostProcess, graceMs = 10_000): Promise<void> {
    if (process_.child.exitCode !== null || process_.child.signalCode !== null) return;
    process_.child.kill('SIGTERM');
    const timer = setTimeout(() => process_.child.kill('SIGKILL'), graceMs);
    await process_.exited;
    clearTimeout(timer);
  }

  /** Kills everything still running in the network's namespaces and removes every trace of it. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const p of this.processes) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    }
    destroyNetwork(this.id);
  }

  logTail(label: string, lines = 30): string {
    const file = path.join(this.workDir, 'logs', `${label}.log`);
    if (!existsSync(file)) return '';
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  }
}

/** Everything a network made, found by its id: namespaces (and their processes), veths, bridge. */
function destroyNetwork(id: string): void {
  const prefix = `amh${id}-`;
  const namespaces = run('ip', ['netns', 'list'], { allowFail: true })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(prefix));
  for (const netns of namespaces) {
    // Processes started inside by anyone (e.g. a child's children) die with it.
    for (const pid of run('ip', ['netns', 'pids', netns], { allowFail: true }).split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {}
    }
  }
  for (const netns of namespaces) {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (run('ip', ['netns', 'pids', netns], { allowFail: true }).trim() === '') break;
      spawnSync('sleep', ['0.1']);
    }
    run('ip', ['netns', 'del', netns], { allowFail: true });
  }
  for (const line of run('ip', ['-o', 'link', 'show'], { allowFail: true }).split('\n')) {
    const name = line.split(':')[1]?.trim().split('@')[0];
    if (name?.startsWith(`amh${id}`)) run('ip', ['link', 'del', name], { allowFail: true });
  }
  rmSync(path.join(STATE_DIR, `${id}.json`), { force: true });
}

/** Networks left by a run whose process is gone (killed, crashed) are removed before a new one. */
export function sweepStale(): string[] {
  if (!existsSync(STATE_DIR)) return [];
  const swept: string[] = [];
  for (const file of run('ls', [STATE_DIR], { allowFail: true }).split('\n').filter(Boolean)) {
    try {
      const { pid, id } = JSON.parse(readFileSync(path.join(STATE_DIR, file), 'utf8')) as {
        pid: number;
        id: string;
      };
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (!alive) {
        destroyNetwork(id);
        swept.push(id);
      }
    } catch {
      rmSync(path.join(STATE_DIR, file), { force: true });
    }
  }
  return swept;
}

/** A 10.x.y.0/24 no interface or route of the machine uses. */
function pickFreeSubnet(): [number, number] {
  const used =
    run('ip', ['-o', 'addr', 'show'], { allowFail: true }) + run('ip', ['route'], { allowFail: true });
  for (let attempt = 0; attempt < 50; attempt++) {
    const a = 200 + Math.floor(Math.random() * 50);
    const b = Math.floor(Math.random() * 250) + 1;
    if (!used.includes(`10.${a}.${b}.`)) return [a, b];
  }
  throw new Error('no free 10.x.y.0/24 subnet found');
}

/** Every namespace name of the machine (to prove a run left none behind). */
export function listNamespaces(): string[] {
  return run('ip', ['netns', 'list'], { allowFail: true })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}
