/**
 * `pnpm agent:package [--arch amd64|arm64 …] [--out DIR] [--compress xz|gzip|zstd|none] [--default-model FILE]
 * [--revision N]`
 *
 * Builds the agent's Debian packages with Debian's own dpkg-deb: a self-contained bundle of the agent
 * (esbuild: the CLI and every JS dependency in one ES module, onnxruntime-node beside it with only
 * the target architecture's CPU binaries), the systemd unit, the configuration as a conffile, the
 * committed models and the docs. Nothing is downloaded, at build or at install time.
 * Layout and maintainer scripts: docs/agent.md ("Install on a robot").
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseScriptArgs } from '@aura/core/script-args';
import { build } from 'esbuild';

const agentDir = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(agentDir, '../..');
const debianDir = path.join(import.meta.dirname, 'debian');

export const PACKAGE_NAME = 'aura-agent';
export const ARCHES = { amd64: 'x64', arm64: 'arm64' } as const;
export type DebArch = keyof typeof ARCHES;
export type Compression = 'xz' | 'gzip' | 'zstd' | 'none';

/** Where the package puts things (docs/agent.md lists the same). */
export const LAYOUT = {
  bundleDir: '/usr/lib/aura-agent',
  bin: '/usr/bin/aura-agent',
  unit: '/usr/lib/systemd/system/aura-agent.service',
  sysusers: '/usr/lib/sysusers.d/aura-agent.conf',
  config: '/etc/aura-agent/agent.json',
  defaults: '/etc/default/aura-agent',
  stateDir: '/var/lib/aura-agent',
  socket: '/run/aura-agent/agent.sock',
  modelsDir: '/usr/share/aura-agent/models',
  docDir: '/usr/share/doc/aura-agent',
} as const;

export interface BuildOptions {
  arches: DebArch[];
  outDir: string;
  compress: Compression;
  /** file name in models/ the configuration points at; default: the one agent.example.json names */
  defaultModel?: string;
  /** Debian revision appended to the agent's version */
  revision: string;
  log?: (line: string) => void;
}

export interface BuiltPackage {
  arch: DebArch;
  file: string;
  version: string;
  bytes: number;
  installedKiB: number;
  depends: string;
  defaultModel: { file: string; sha256: string };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const md5 = (file: string) => createHash('md5').update(readFileSync(file)).digest('hex');

function need(tool: string, debianPackage: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`agent:package needs ${tool}: apt-get install ${debianPackage}`);
  }
}

/** The lowest Node.js the workspace supports (root package.json `engines.node`, its first `>=`). */
export function minimumNode(): string {
  const engines = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).engines?.node ?? '';
  const m = />=\s*(\d+\.\d+)/.exec(engines);
  if (!m?.[1]) throw new Error(`package.json engines.node (${engines}) names no minimum`);
  return m[1];
}

/** The models main holds: every models/*.onnx, and the one the shipped configuration runs. */
export function packagedModels(defaultModel?: string): { files: string[]; default: string } {
  const dir = path.join(repoRoot, 'models');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.onnx'))
    .sort();
  if (files.length === 0) throw new Error('models/ holds no .onnx model to package');
  let chosen = defaultModel;
  if (!chosen) {
    const example = JSON.parse(readFileSync(path.join(agentDir, 'agent.example.json'), 'utf8'));
    const named = path.basename(String(example.model?.path ?? ''));
    chosen = files.includes(named) ? named : files.length === 1 ? files[0] : undefined;
  }
  if (!chosen || !files.includes(chosen)) {
    throw new Error(
      `pick the model the package's configuration runs with --default-model (one of ${files.join(', ')})`,
    );
  }
  return { files, default: chosen };
}

/** the package directory of a dependency as pnpm installed it (symlinks resolved) */
function packageDir(name: string, from: string): string {
  const require = createRequire(path.join(from, 'package.json'));
  let dir = path.dirname(realpathSync(require.resolve(name)));
  while (
    !existsSync(path.join(dir, 'package.json')) ||
    readJson(path.join(dir, 'package.json')).name !== name
  ) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the package directory of ${name}`);
    dir = up;
  }
  return dir;
}

interface BundleResult {
  dir: string;
  thirdParty: { name: string; version: string; license: string }[];
}

/** One ES module with the CLI and its JS dependencies; onnxruntime-node stays outside (native). */
async function bundleAgent(into: string): Promise<BundleResult> {
  const outfile = path.join(into, 'aura-agent.mjs');
  const result = await build({
    entryPoints: [path.join(agentDir, 'src/main.ts')],
    absWorkingDir: agentDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // the workspace packages' TypeScript sources: no build of core or the API client needed first
    conditions: ['@aura/source'],
    external: ['onnxruntime-node'],
    outfile,
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'error',
    legalComments: 'none',
    // CommonJS dependencies (pino, commander) call require(): give the module one
    banner: {
      js: "import { createRequire as __auraRequire } from 'node:module'; const require = __auraRequire(import.meta.url);",
    },
  });
  const packages = new Map<string, { name: string; version: string; license: string }>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split('node_modules/.pnpm/').pop() ?? '');
    if (!m?.[1] || packages.has(m[1])) continue;
    const abs = path.resolve(agentDir, input);
    const root = abs.slice(0, abs.lastIndexOf(`node_modules/${m[1]}/`) + `node_modules/${m[1]}`.length);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    packages.set(m[1], { name: m[1], version: pkg.version, license: String(pkg.license ?? 'see package') });
  }
  return { dir: into, thirdParty: [...packages.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** onnxruntime-node and onnxruntime-common, with only `nodeArch`'s linux CPU binaries. */
function copyOnnxRuntime(nodeModules: string, nodeArch: string): { name: string; version: string }[] {
  const ortNode = packageDir('onnxruntime-node', agentDir);
  const ortCommon = packageDir('onnxruntime-common', ortNode);
  const dest = path.join(nodeModules, 'onnxruntime-node');
  mkdirSync(dest, { recursive: true });
  copyFileSync(path.join(ortNode, 'package.json'), path.join(dest, 'package.json'));
  cpSync(path.join(ortNode, 'dist'), path.join(dest, 'dist'), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || src.endsWith('.js'),
  });
  const binaries = path.join(ortNode, 'bin/napi-v6/linux', nodeArch);
  if (!existsSync(binaries)) throw new Error(`onnxruntime-node has no linux/${nodeArch} binaries`);
  cpSync(binaries, path.join(dest, 'bin/napi-v6/linux', nodeArch), { recursive: true });
  cpSync(ortCommon, path.join(nodeModules, 'onnxruntime-common'), {
    recursive: true,
    filter: (src) => !path.relative(ortCommon, src).includes('node_modules') && !src.endsWith('.map'),
  });
  const version = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  return [
    { name: 'onnxruntime-node', version: version(ortNode) },
    { name: 'onnxruntime-common', version: version(ortCommon) },
  ];
}

/** GLIBCXX_3.4.N → the GCC release whose libstdc++ first had it (for libstdc++6's version). */
const GLIBCXX_GCC: Record<number, string> = {
  19: '4.8',
  20: '4.9',
  21: '5',
  22: '6',
  23: '7',
  24: '7',
  25: '8',
  26: '9',
  27: '9',
  28: '10',
  29: '11',
  30: '12',
  31: '13',
  32: '13',
  33: '14',
};

const byVersion = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** The shared-library dependencies of onnxruntime's binaries, from the symbol versions they need. */
export function nativeDepends(binDir: string): string[] {
  const needed = new Set<string>();
  for (const file of readdirSync(binDir)) {
    const out = execFileSync('readelf', ['-V', '-W', path.join(binDir, file)], { encoding: 'utf8' });
    for (const m of out.matchAll(/Name: (GLIBC_[\d.]+|GLIBCXX_[\d.]+)/g)) if (m[1]) needed.add(m[1]);
  }
  const max = (prefix: string) =>
    [...needed]
      .filter((v) => v.startsWith(prefix))
      .map((v) => v.slice(prefix.length))
      .sort(byVersion)
      .pop();
  const glibc = max('GLIBC_');
  const glibcxx = max('GLIBCXX_');
  const depends = [glibc ? `libc6 (>= ${glibc})` : 'libc6'];
  if (glibcxx) {
    const minor = Number(glibcxx.split('.')[2] ?? 0);
    const gcc = GLIBCXX_GCC[minor];
    if (!gcc) throw new Error(`no libstdc++6 version known for GLIBCXX_${glibcxx}: extend GLIBCXX_GCC`);
    depends.push(`libstdc++6 (>= ${gcc})`);
  }
  depends.push('libgcc-s1');
  return depends;
}

/** The configuration the package installs as /etc/aura-agent/agent.json (a conffile). */
export function packagedConfig(model: { file: string; sha256: string }): Record<string, unknown> {
  return {
    stateDir: LAYOUT.stateDir,
    model: { path: `${LAYOUT.modelsDir}/${model.file}`, sha256: model.sha256, executionProviders: ['cpu'] },
    socket: { path: LAYOUT.socket, mode: '0660' },
    persistence: { mode: 'delta-log', checkpointEvery: 64 },
    device: {
      kind: 'emmc',
      capacityBytes: 32_000_000_000,
      ratedPeCycles: 3000,
      pageBytes: 4096,
      writeAmplification: 2,
    },
    telemetry: { windowSeconds: 10 },
    log: { level: 'info' },
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

function fixModes(root: string, executables: Set<string>, modes: Record<string, number>): void {
  const visit = (dir: string) => {
    chmodSync(dir, 0o755);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else chmodSync(p, modes[`/${path.relative(root, p)}`] ?? (executables.has(p) ? 0o755 : 0o644));
    }
  };
  visit(root);
}

function duKiB(root: string): number {
  return walk(root).reduce((sum, f) => sum + Math.ceil(statSync(f).size / 1024), 0);
}

/** Builds one .deb per architecture into `outDir`. */
export async function buildAgentPackages(options: BuildOptions): Promise<BuiltPackage[]> {
  const log = options.log ?? (() => {});
  need('dpkg-deb', 'dpkg');
  need('readelf', 'binutils');
  const agentPkg = JSON.parse(readFileSync(path.join(agentDir, 'package.json'), 'utf8'));
  const version = `${agentPkg.version}-${options.revision}`;
  const nodeMin = minimumNode();
  const models = packagedModels(options.defaultModel);
  const defaultModel = {
    file: models.default,
    sha256: sha256(path.join(repoRoot, 'models', models.default)),
  };
  const work = mkdtempSync(path.join(tmpdir(), 'aura-agent-package-'));
  mkdirSync(options.outDir, { recursive: true });
  try {
    const started = Date.now();
    const bundle = await bundleAgent(path.join(work, 'bundle'));
    log(`bundled the agent in ${Date.now() - started} ms (${bundle.thirdParty.length} npm packages inside)`);
    const built: BuiltPackage[] = [];
    for (const arch of options.arches) {
      const nodeArch = ARCHES[arch];
      const root = path.join(work, `root-${arch}`);
      const at = (p: string) => path.join(root, p);
      const lib = at(LAYOUT.bundleDir);
      cpSync(bundle.dir, lib, { recursive: true });
      const native = copyOnnxRuntime(path.join(lib, 'node_modules'), nodeArch);
      const executables = new Set<string>();

      mkdirSync(path.dirname(at(LAYOUT.bin)), { recursive: true });
      writeFileSync(
        at(LAYOUT.bin),
        `#!/bin/sh\n# aura-agent ${version}: the bundled agent on the system's Node.js (>= ${nodeMin})\n` +
          `exec /usr/bin/node --enable-source-maps ${LAYOUT.bundleDir}/aura-agent.mjs "$@"\n`,
      );
      executables.add(at(LAYOUT.bin));
      mkdirSync(path.dirname(at(LAYOUT.unit)), { recursive: true });
      copyFileSync(path.join(debianDir, 'aura-agent.service'), at(LAYOUT.unit));
      mkdirSync(path.dirname(at(LAYOUT.sysusers)), { recursive: true });
      copyFileSync(path.join(debianDir, 'sysusers.conf'), at(LAYOUT.sysusers));
      mkdirSync(path.dirname(at(LAYOUT.config)), { recursive: true });
      writeFileSync(at(LAYOUT.config), `${JSON.stringify(packagedConfig(defaultModel), null, 2)}\n`);
      mkdirSync(path.dirname(at(LAYOUT.defaults)), { recursive: true });
      copyFileSync(path.join(debianDir, 'default'), at(LAYOUT.defaults));

      mkdirSync(at(LAYOUT.modelsDir), { recursive: true });
      for (const model of models.files) {
        copyFileSync(path.join(repoRoot, 'models', model), path.join(at(LAYOUT.modelsDir), model));
        const card = model.replace(/\.onnx$/, '.md');
        if (existsSync(path.join(repoRoot, 'models', card))) {
          copyFileSync(path.join(repoRoot, 'models', card), path.join(at(LAYOUT.modelsDir), card));
        }
      }

      const doc = at(LAYOUT.docDir);
      mkdirSync(path.join(doc, 'examples'), { recursive: true });
      copyFileSync(path.join(repoRoot, 'docs/agent.md'), path.join(doc, 'agent.md'));
      copyFileSync(
        path.join(repoRoot, 'examples/python/aura_client.py'),
        path.join(doc, 'examples/aura_client.py'),
      );
      const thirdParty = [...bundle.thirdParty, ...native.map((n) => ({ ...n, license: 'MIT' }))];
      writeFileSync(
        path.join(doc, 'copyright'),
        [
          'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
          'Upstream-Name: aura-agent (AURA Fleet)',
          '',
          'Files: *',
          'Copyright: the AURA Fleet authors',
          'License: see the AURA Fleet repository (no license declared there)',
          '',
          'Files: usr/lib/aura-agent/*',
          'Comment: the bundle holds these npm packages (name version license):',
          ...thirdParty.map((p) => ` ${p.name} ${p.version} ${p.license}`),
          '',
        ].join('\n'),
      );

      const control = at('DEBIAN');
      mkdirSync(control);
      for (const script of ['postinst', 'prerm', 'postrm']) {
        copyFileSync(path.join(debianDir, script), path.join(control, script));
        executables.add(path.join(control, script));
      }
      writeFileSync(path.join(control, 'conffiles'), `${LAYOUT.config}\n${LAYOUT.defaults}\n`);
      fixModes(root, executables, { [LAYOUT.config]: 0o640 });
      const files = walk(root).filter((f) => !f.startsWith(control));
      writeFileSync(
        path.join(control, 'md5sums'),
        files.map((f) => `${md5(f)}  ${path.relative(root, f)}\n`).join(''),
      );
      chmodSync(path.join(control, 'md5sums'), 0o644);
      const depends = [
        `nodejs (>= ${nodeMin}~)`,
        ...nativeDepends(path.join(lib, 'node_modules/onnxruntime-node/bin/napi-v6/linux', nodeArch)),
        'adduser',
      ].join(', ');
      const installedKiB = duKiB(root);
      writeFileSync(
        path.join(control, 'control'),
        [
          `Package: ${PACKAGE_NAME}`,
          `Version: ${version}`,
          `Architecture: ${arch}`,
          'Maintainer: AURA Fleet <fleet@aura-fleet.invalid>',
          `Installed-Size: ${installedKiB}`,
          `Depends: ${depends}`,
          'Section: misc',
          'Priority: optional',
          'Description: AURA Fleet on-robot agent (AURA-Mem memory-gated policies)',
          ' Runs an AURA-Mem policy with a constant 4,224-byte memory for the robot stack over a',
          ' local Unix socket (/run/aura-agent/agent.sock), counts memory writes and flash wear,',
          ' uploads telemetry durably and applies signed gate configs from the AURA Fleet API.',
          ` Runs on the system's Node.js >= ${nodeMin} (package nodejs: Debian 13 "trixie" has it;`,
          ' on Debian 12 or Ubuntu 24.04 install Node.js 20 or 22 from NodeSource); onnxruntime',
          ` ${native[0]?.version ?? ''} CPU binaries for ${nodeArch} are inside. systemd unit aura-agent.service,`,
          ' configuration /etc/aura-agent/agent.json, state /var/lib/aura-agent,',
          ' models /usr/share/aura-agent/models, guide /usr/share/doc/aura-agent/agent.md.',
          '',
        ].join('\n'),
      );
      chmodSync(path.join(control, 'control'), 0o644);
      chmodSync(path.join(control, 'conffiles'), 0o644);

      const file = path.join(options.outDir, `${PACKAGE_NAME}_${version}_${arch}.deb`);
      const t = Date.now();
      execFileSync('dpkg-deb', ['--root-owner-group', `-Z${options.compress}`, '--build', root, file], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const bytes = statSync(file).size;
      log(
        `${path.relative(process.cwd(), file)}: ${(bytes / 1e6).toFixed(1)} MB (${options.compress}, ` +
          `${Date.now() - t} ms), installed ${(installedKiB / 1024).toFixed(1)} MiB; Depends: ${depends}`,
      );
      built.push({ arch, file, version, bytes, installedKiB, depends, defaultModel });
    }
    return built;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const USAGE =
  'usage: pnpm agent:package [--arch amd64|arm64 …] [--out DIR] [--compress xz|gzip|zstd|none] ' +
  '[--default-model FILE] [--revision N]';

async function main(): Promise<void> {
  const { args: values, fail } = parseScriptArgs('agent:package', USAGE, {
    arch: { type: 'string', multiple: true },
    out: { type: 'string' },
    compress: { type: 'string', default: 'xz' },
    'default-model': { type: 'string' },
    revision: { type: 'string', default: '1' },
  });
  const arches = (values.arch ?? ['amd64', 'arm64']) as DebArch[];
  for (const a of arches) if (!(a in ARCHES)) fail(`--arch ${a}: one of ${Object.keys(ARCHES).join(', ')}`);
  if (!['xz', 'gzip', 'zstd', 'none'].includes(values.compress)) {
    fail(`--compress ${values.compress}: one of xz, gzip, zstd, none`);
  }
  await buildAgentPackages({
    arches,
    outDir: path.resolve(
      process.env.INIT_CWD ?? process.cwd(),
      values.out ?? path.join(repoRoot, 'dist/packages'),
    ),
    compress: values.compress as Compression,
    revision: values.revision,
    ...(values['default-model'] ? { defaultModel: values['default-model'] } : {}),
    log: (line) => console.log(line),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(`agent:package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
