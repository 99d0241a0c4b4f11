/**
 * Runs an image's entry point without a container runtime (none can start containers on our
 * machines, ENVIRONMENT.md): `podman create` + `podman mount` give the image's filesystem; the
 * process runs chrooted there, in its own mount namespace, with what Kubernetes gives the pods of
 * infra/k8s — a READ-ONLY root, tmpfs at the paths the manifests mount emptyDirs on, the image's
 * user, working directory and environment. The network is the host's (tests talk to 127.0.0.1).
 * Needs root (mount namespaces, chroot).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ImageConfig {
  name: string;
  /** Bytes, uncompressed, as podman reports it. */
  size: number;
  user: string;
  workingDir: string;
  env: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
  labels: Record<string, string>;
  healthcheck: unknown;
}

function podman(args: string[]): string {
  const result = spawnSync('podman', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`podman ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

export function inspectImage(name: string): ImageConfig {
  const [image] = JSON.parse(podman(['image', 'inspect', name])) as Array<{
    Size: number;
    Config: {
      User?: string;
      WorkingDir?: string;
      Env?: string[];
      Entrypoint?: string[] | null;
      Cmd?: string[] | null;
      Labels?: Record<string, string> | null;
      Healthcheck?: unknown;
    };
    HealthCheck?: unknown;
  }>;
  if (!image) throw new Error(`podman image inspect ${name}: no image`);
  const env: Record<string, string> = {};
  for (const entry of image.Config.Env ?? []) {
    const at = entry.indexOf('=');
    env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return {
    name,
    size: image.Size,
    user: image.Config.User ?? '',
    workingDir: image.Config.WorkingDir || '/',
    env,
    entrypoint: image.Config.Entrypoint ?? [],
    cmd: image.Config.Cmd ?? [],
    labels: image.Config.Labels ?? {},
    healthcheck: image.Config.Healthcheck ?? image.HealthCheck ?? null,
  };
}

export interface RunOptions {
  /** Replaces the image's CMD, as a Kubernetes container's `args` does. */
  args?: string[];
  /** Added to (and overriding) the image's environment. */
  env?: Record<string, string>;
  /** Absolute paths that get a writable tmpfs (the manifests' emptyDirs); the rest is read-only. */
  writable?: string[];
}

// Mounts in a private mount namespace (gone when the process ends), then drops to the image's user.
const LAUNCHER = `set -eu
root=$1; user=$2; workdir=$3; shift 3
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
for dir in $AURA_WRITABLE; do mount -t tmpfs -o mode=1777,size=256m tmpfs "$root$dir"; done
exec chroot --userspec="$user" "$root" /usr/bin/env -i -C "$workdir" "$@"
`;

export class ImageProcess {
  private output = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  get log(): string {
    return this.output;
  }

  /** The last lines of its output, for failure messages. */
  tail(lines = 30): string {
    return this.output.trim().split('\n').slice(-lines).join('\n');
  }

  /** Numeric user ids of the processes in its process group other than the root-owned launcher. */
  processUids(): number[] {
    const group = this.child.pid;
    const uids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) !== group) continue; // field 5 of stat: process group id
        const status = readFileSync(`/proc/${entry}/status`, 'utf8');
        const uid = /^Uid:\s+(\d+)/m.exec(status);
        const name = /^Name:\s+(.+)$/m.exec(status)?.[1];
        if (uid && name !== 'unshare') uids.push(Number(uid[1]));
      } catch {
        // gone meanwhile
      }
    }
    return uids;
  }

  /** SIGTERM (what Kubernetes sends), then SIGKILL after `graceMs`. Resolves with the exit code. */
  async stop(graceMs = 15_000): Promise<number | null> {
    const group = this.child.pid;
    if (group === undefined || this.child.exitCode !== null || this.child.signalCode !== null) {
      return this.exited;
    }
    try {
      process.kill(-group, 'SIGTERM');
    } catch {
      return this.exited;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** An image's filesystem, mounted for as long as the test needs it. */
export class MountedImage {
  private constructor(
    readonly config: ImageConfig,
    private readonly container: string,
    readonly root: string,
  ) {}

  static open(name: string): MountedImage {
    const config = inspectImage(name);
    const container = podman(['create', '--name', `aura-images-test-${process.pid}-${Date.now()}`, name]);
    try {
      return new MountedImage(config, container, podman(['mount', container]));
    } catch (error) {
      podman(['rm', '--force', container]);
      throw error;
    }
  }

  start(options: RunOptions = {}): ImageProcess {
    const { config } = this;
    const argv = [...config.entrypoint, ...(options.args ?? config.cmd)];
    if (argv.length === 0) throw new Error(`${config.name}: no entry point and no command`);
    const env = { ...config.env, ...options.env };
    const writable = options.writable ?? [];
    for (const dir of writable) {
      if (!path.isAbsolute(dir) || /\s/.test(dir))
        throw new Error(`writable path ${dir}: absolute, no spaces`);
      // The mount point itself, as the kubelet makes it (the root turns read-only inside the launcher).
      spawnSync('mkdir', ['-p', path.join(this.root, dir)]);
    }
    if (!existsSync(path.join(this.root, 'usr/bin/env'))) throw new Error(`${config.name}: no /usr/bin/env`);
    const child = spawn(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        '--fork',
        '--kill-child',
        'sh',
        '-c',
        LAUNCHER,
        'launcher',
        this.root,
        config.user || '0:0',
        config.workingDir,
        ...Object.entries(env).map(([key, value]) => `${key}=${value}`),
        ...argv,
      ],
      {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, AURA_WRITABLE: writable.join(' ') },
      },
    );
    return new ImageProcess(`${config.name} ${argv.join(' ')}`, child);
  }

  /** Runs to completion; resolves with the exit code and output. */
  async run(options: RunOptions = {}, timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
    const process_ = this.start(options);
    const timer = setTimeout(() => void process_.stop(1000), timeoutMs);
    const code = await process_.exited;
    clearTimeout(timer);
    return { code, output: process_.log };
  }

  close(): void {
    spawnSync('podman', ['umount', this.container]);
    spawnSync('podman', ['rm', '--force', this.container]);
  }
}
