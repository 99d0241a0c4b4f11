import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess } from './api-process.js';

/**
 * `pnpm agent:package` end to end (apps/agent/packaging): the amd64 .deb is built, its layout and
 * control fields checked, it is installed with dpkg into a scratch root (maintainer scripts run
 * chroot-less under DPKG_ROOT: the service user, the state directory, the unit enabled; then remove
 * and purge), its unit checked by `systemd-analyze verify`, and the installed agent — the unpacked
 * bundle on this machine's Node.js, as the package's user, reading the installed conffile — enrols
 * with a real API process on this run's database.
 */
const repoRoot = WORKSPACE_ROOT;
const buildScript = path.join(repoRoot, 'apps/agent/packaging/build-package.ts');

const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(cmd, args, {
    encoding: 'utf8',
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });

function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

/** A Debian tool the test needs: installed from Debian's packages when missing and we are root. */
function ensureTool(tool: string, debianPackage: string): string | undefined {
  if (have(tool)) return undefined;
  if (process.getuid?.() === 0 && have('apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', debianPackage], { stdio: 'inherit', env });
  }
  return have(tool)
    ? undefined
    : `${tool} is missing and could not be installed (apt-get install ${debianPackage})`;
}

/** a symlink's target (its target lives inside the scratch root, so existsSync would not see it) */
function linkTarget(file: string): string | undefined {
  if (!existsSync(path.dirname(file))) return undefined;
  const names = readdirSync(path.dirname(file));
  if (!names.includes(path.basename(file))) return undefined;
  return lstatSync(file).isSymbolicLink() ? readlinkSync(file) : undefined;
}
const WANTS = 'etc/systemd/system/multi-user.target.wants/aura-agent.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the aura-agent Debian package (pnpm agent:package)', () => {
  let work: string;
  let deb: string;
  let root: string;
  const missingDpkg = ensureTool('dpkg-deb', 'dpkg') ?? ensureTool('readelf', 'binutils');

  beforeAll(() => {
    if (missingDpkg) return;
    work = mkdtempSync(path.join(tmpdir(), 'aura-agent-deb-'));
    // zstd: the same package as the release build's xz, compressed in 2 s instead of minutes
    const out = run(process.execPath, [
      '--import',
      'tsx/esm',
      buildScript,
      '--arch',
      'amd64',
      '--compress',
      'zstd',
      '--out',
      path.join(work, 'out'),
    ]);
    expect(out).toMatch(/aura-agent_[\d.]+-\d+_amd64\.deb/);
    const debs = readdirSync(path.join(work, 'out'));
    expect(debs).toHaveLength(1);
    deb = path.join(work, 'out', debs[0]!);
    root = path.join(work, 'root');
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the bundle, x64 CPU binaries only, the unit, the conffiles and every committed model', (ctx) => {
    ctx.skip(Boolean(missingDpkg), missingDpkg);
    const field = (name: string) => run('dpkg-deb', ['-f', deb, name]).trim();
    expect(field('Package')).toBe('aura-agent');
    expect(field('Architecture')).toBe('amd64');
    const depends = field('Depends');
    expect(depends).toMatch(
      /^nodejs \(>= 20\.19~\), libc6 \(>= 2\.\d+\), libstdc\+\+6 \(>= \d+\), libgcc-s1, adduser$/,
    );
    // this machine's Node.js satisfies the dependency the package declares
    const nodeMin = /nodejs \(>= ([^)]+)\)/.exec(depends)![1]!;
    expect(spawnSync('dpkg', ['--compare-versions', process.versions.node, 'ge', nodeMin]).status).toBe(0);

    const listing = run('dpkg-deb', ['-c', deb]);
    const files = new Map(
      listing
        .trim()
        .split('\n')
        .map((line) => {
          const parts = line.split(/\s+/);
          return [parts.slice(5).join(' ').replace(/^\./, ''), { mode: parts[0]!, owner: parts[1]! }];
        }),
    );
    for (const f of [
      '/usr/bin/aura-agent',
      '/usr/lib/aura-agent/aura-agent.mjs',
      '/usr/lib/aura-agent/node_modules/onnxruntime-node/dist/binding.js',
      '/usr/lib/aura-agent/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
      '/usr/lib/aura-agent/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      '/usr/lib/aura-agent/node_modules/onnxruntime-common/package.json',
      '/usr/lib/systemd/system/aura-agent.service',
      '/usr/lib/sysusers.d/aura-agent.conf',
      '/etc/aura-agent/agent.json',
      '/etc/default/aura-agent',
      '/usr/share/doc/aura-agent/agent.md',
      '/usr/share/doc/aura-agent/copyright',
    ]) {
      expect(files.has(f), f).toBe(true);
    }
    expect(files.get('/usr/bin/aura-agent')?.mode).toBe('-rwxr-xr-x');
    expect(files.get('/etc/aura-agent/agent.json')?.mode).toBe('-rw-r-----');
    for (const [f, { owner }] of files) expect(owner, f).toBe('root/root');
    // only this architecture's native code: no arm64, macOS or Windows binaries
    expect([...files.keys()].filter((f) => /napi-v6\/(?!linux\/x64)/.test(f) && !f.endsWith('/'))).toEqual(
      [],
    );
    // nothing from the workspace's node_modules but onnxruntime (the rest is bundled)
    expect(
      new Set([...files.keys()].map((f) => /node_modules\/([^/]+)/.exec(f)?.[1]).filter(Boolean)),
    ).toEqual(new Set(['onnxruntime-node', 'onnxruntime-common']));
    // every model main holds is shipped
    const models = readdirSync(path.join(repoRoot, 'models')).filter((f) => f.endsWith('.onnx'));
    expect(models.length).toBeGreaterThan(0);
    for (const m of models) expect(files.has(`/usr/share/aura-agent/models/${m}`), m).toBe(true);

    const control = path.join(work, 'control');
    run('dpkg-deb', ['-e', deb, control]);
    expect(readFileSync(path.join(control, 'conffiles'), 'utf8').trim().split('\n')).toEqual([
      '/etc/aura-agent/agent.json',
      '/etc/default/aura-agent',
    ]);
    for (const script of ['postinst', 'prerm', 'postrm']) {
      expect(statSync(path.join(control, script)).mode & 0o755).toBe(0o755);
      expect(spawnSync('sh', ['-n', path.join(control, script)]).status, script).toBe(0);
    }
  });

  it('installs into a scratch root: service user, state directory, config group, unit enabled', (ctx) => {
    ctx.skip(Boolean(missingDpkg), missingDpkg);
    mkdirSync(path.join(root, 'var/lib/dpkg/info'), { recursive: true });
    mkdirSync(path.join(root, 'var/lib/dpkg/updates'), { recursive: true });
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    writeFileSync(path.join(root, 'var/lib/dpkg/status'), '');
    writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\n');
    const dpkg = (...args: string[]) =>
      spawnSync('dpkg', [`--root=${root}`, '--force-script-chrootless', '--force-depends', ...args], {
        encoding: 'utf8',
        cwd: work,
      });
    const installed = dpkg('-i', deb);
    expect(installed.status, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('Setting up aura-agent');

    const passwd = readFileSync(path.join(root, 'etc/passwd'), 'utf8');
    const user = /^aura-agent:x:(\d+):(\d+):[^:]*:\/var\/lib\/aura-agent:\/usr\/sbin\/nologin$/m.exec(passwd);
    expect(user, passwd).not.toBeNull();
    const [uid, gid] = [Number(user![1]), Number(user![2])];
    const state = statSync(path.join(root, 'var/lib/aura-agent'));
    expect({ uid: state.uid, gid: state.gid, mode: state.mode & 0o777 }).toEqual({ uid, gid, mode: 0o750 });
    const config = statSync(path.join(root, 'etc/aura-agent/agent.json'));
    expect({ uid: config.uid, gid: config.gid, mode: config.mode & 0o777 }).toEqual({
      uid: 0,
      gid,
      mode: 0o640,
    });
    // enabled at boot (deb-systemd-helper, as dh_installsystemd's snippet does)
    expect(linkTarget(path.join(root, WANTS))).toBe('/usr/lib/systemd/system/aura-agent.service');
    // the shipped configuration runs the shipped default model, pinned by its sha256
    const shipped = JSON.parse(readFileSync(path.join(root, 'etc/aura-agent/agent.json'), 'utf8'));
    expect(shipped).toMatchObject({
      stateDir: '/var/lib/aura-agent',
      socket: { path: '/run/aura-agent/agent.sock' },
    });
    expect(shipped.model.path).toMatch(/^\/usr\/share\/aura-agent\/models\/[^/]+\.onnx$/);
    const model = readFileSync(path.join(root, shipped.model.path));
    expect(createHash('sha256').update(model).digest('hex')).toBe(shipped.model.sha256);
    // the wrapper runs the installed bundle
    expect(readFileSync(path.join(root, 'usr/bin/aura-agent'), 'utf8')).toContain(
      'exec /usr/bin/node --enable-source-maps /usr/lib/aura-agent/aura-agent.mjs "$@"',
    );
    const status = dpkg('-s', 'aura-agent');
    expect(status.stdout).toMatch(/Status: install ok installed/);
  });

  it('passes systemd-analyze verify (and says how exposed the service is)', (ctx) => {
    ctx.skip(Boolean(missingDpkg), missingDpkg);
    const missing = ensureTool('systemd-analyze', 'systemd');
    ctx.skip(Boolean(missing), missing);
    const unit = path.join(root, 'usr/lib/systemd/system/aura-agent.service');
    const verify = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    // systemd < 254 does not know the exponential back-off keys and says so; nothing else may be reported
    const systemd = Number(/systemd (\d+)/.exec(run('systemd-analyze', ['--version']))?.[1]);
    const complaints = verify.stderr
      .split('\n')
      .filter(Boolean)
      .filter((line) => !(systemd < 254 && /Unknown key '(RestartSteps|RestartMaxDelaySec)'/.test(line)));
    expect(complaints).toEqual([]);
    const security = spawnSync('systemd-analyze', ['security', '--offline=yes', unit], { encoding: 'utf8' });
    const exposure = Number(
      /Overall exposure level for aura-agent\.service: ([\d.]+)/.exec(security.stdout)?.[1],
    );
    expect(exposure, security.stdout).toBeLessThanOrEqual(2);
    console.log(`aura-agent.service: systemd-analyze security exposure ${exposure} (systemd ${systemd})`);
  });

  describe('the installed agent against a real API', () => {
    let apiProcess: ApiProcess;
    let agent: ChildProcess | undefined;
    const output: string[] = [];

    beforeAll(async () => {
      if (missingDpkg) return;
      apiProcess = await startApiProcess();
    }, 60_000);

    afterAll(async () => {
      if (agent && agent.exitCode === null) agent.kill('SIGKILL');
      await apiProcess?.stop();
    });

    it('runs as the package user on the installed files, enrols and answers status', async (ctx) => {
      ctx.skip(Boolean(missingDpkg), missingDpkg);
      const { api, server } = apiProcess;
      const operator = await apiProcess.operatorKey('operator');
      const token = await api.request({
        method: 'POST',
        url: '/v1/enrollment-tokens',
        token: operator,
        payload: { name: 'package test' },
      });
      expect(token.statusCode).toBe(201);
      const passwd = readFileSync(path.join(root, 'etc/passwd'), 'utf8');
      const [, uid, gid] = /^aura-agent:x:(\d+):(\d+):/m.exec(passwd)!.map(Number);
      // what systemd's RuntimeDirectory= would make; the scratch root must be traversable by the user
      const runtimeDir = path.join(root, 'run/aura-agent');
      mkdirSync(runtimeDir, { recursive: true });
      execFileSync('chown', [`${uid}:${gid}`, runtimeDir]);
      chmodSync(runtimeDir, 0o750);
      chmodSync(work, 0o755);
      chmodSync(root, 0o755);
      const shipped = JSON.parse(readFileSync(path.join(root, 'etc/aura-agent/agent.json'), 'utf8'));
      const socket = path.join(runtimeDir, 'agent.sock');
      // the installed conffile as is, its absolute paths moved into the scratch root by the
      // documented AURA_AGENT_* overrides, plus the API (plain http on this machine: development)
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: path.join(root, 'var/lib/aura-agent'), // what systemd gives User=aura-agent
        AURA_AGENT_STATE_DIR: path.join(root, shipped.stateDir),
        AURA_AGENT_MODEL_PATH: path.join(root, shipped.model.path),
        AURA_AGENT_SOCKET: socket,
        AURA_AGENT_API_URL: server.url,
        AURA_AGENT_ENROLLMENT_TOKEN: token.json<{ token: string }>().token,
        AURA_AGENT_DEVELOPMENT: '1',
        AURA_AGENT_TELEMETRY_WINDOW_SECONDS: '1',
      };
      const bundle = path.join(root, 'usr/lib/aura-agent/aura-agent.mjs');
      agent = spawn(
        process.execPath,
        [
          '--enable-source-maps',
          bundle,
          'run',
          '--config',
          path.join(root, 'etc/aura-agent/agent.json'),
          '--no-status',
        ],
        { env, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      agent.stdout?.on('data', (c) => output.push(String(c)));
      agent.stderr?.on('data', (c) => output.push(String(c)));

      const statusOf = () => {
        const r = spawnSync(process.execPath, [bundle, 'status', '--socket', socket, '--json'], {
          encoding: 'utf8',
        });
        try {
          return JSON.parse(r.stdout);
        } catch {
          return undefined;
        }
      };
      let status:
        | { robot: { robotId: string | null }; api: { state: string }; agentVersion: string }
        | undefined;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (agent.exitCode !== null) throw new Error(`agent exited ${agent.exitCode}: ${output.join('')}`);
        status = statusOf();
        if (status?.robot.robotId && status.api.state === 'online') break;
        await sleep(250);
      }
      expect(status?.robot.robotId, output.join('')).toBeTruthy();
      const robotId = status!.robot.robotId!;
      const robot = await api.request({ method: 'GET', url: `/v1/robots/${robotId}`, token: operator });
      expect(robot.statusCode).toBe(200);
      expect(robot.json<{ name: string }>().name).toBeTruthy(); // no name in the shipped config: the host name
      // …and reports what it runs: the package's agent, model and onnxruntime, this machine's OS
      type AgentReport = {
        inventory: { agentVersion: string; os: { arch: string }; model: { sha256: string } };
      };
      let agentReport = null as AgentReport | null;
      while (!agentReport && Date.now() < deadline) {
        agentReport = (
          await api.request({ method: 'GET', url: `/v1/robots/${robotId}`, token: operator })
        ).json<{ agent: AgentReport | null }>().agent;
        if (!agentReport) await sleep(250);
      }
      expect(agentReport?.inventory).toMatchObject({
        agentVersion: status!.agentVersion,
        os: { arch: 'x64' },
        model: { sha256: shipped.model.sha256 },
      });

      // the agent's files belong to the package user; the credential is its alone
      const credential = statSync(path.join(root, 'var/lib/aura-agent/credentials/credential.json'));
      expect({ uid: credential.uid, mode: credential.mode & 0o777 }).toEqual({ uid, mode: 0o600 });
      const sock = statSync(socket);
      expect({ uid: sock.uid, gid: sock.gid, mode: sock.mode & 0o777 }).toEqual({ uid, gid, mode: 0o660 });
      // logs are JSON lines, state changes only
      const lines = output.join('').trim().split('\n');
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(lines.some((l) => JSON.parse(l).msg.startsWith('enrolled as robot'))).toBe(true);

      const exited = new Promise<number | null>((resolve) => agent!.once('exit', resolve));
      agent.kill('SIGTERM');
      expect(await exited).toBe(0);
      // onnxruntime's own usage telemetry stays off: nothing written into the agent's home
      expect(readdirSync(path.join(root, 'var/lib/aura-agent')).sort()).not.toContain('.cache');
    }, 90_000);
  });

  it('removes (keeping the conffile) and purges (state and conffile gone)', (ctx) => {
    ctx.skip(Boolean(missingDpkg), missingDpkg);
    const dpkg = (...args: string[]) =>
      spawnSync('dpkg', [`--root=${root}`, '--force-script-chrootless', '--force-depends', ...args], {
        encoding: 'utf8',
        cwd: work,
      });
    const removed = dpkg('-r', 'aura-agent');
    expect(removed.status, removed.stderr).toBe(0);
    expect(existsSync(path.join(root, 'usr/lib/aura-agent/aura-agent.mjs'))).toBe(false);
    expect(existsSync(path.join(root, 'etc/aura-agent/agent.json'))).toBe(true);
    expect(existsSync(path.join(root, 'var/lib/aura-agent'))).toBe(true);
    const purged = dpkg('-P', 'aura-agent');
    expect(purged.status, purged.stderr).toBe(0);
    expect(existsSync(path.join(root, 'etc/aura-agent/agent.json'))).toBe(false);
    expect(existsSync(path.join(root, 'var/lib/aura-agent'))).toBe(false);
    expect(linkTarget(path.join(root, WANTS))).toBeUndefined();
  });
});
