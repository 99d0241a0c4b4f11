#!/usr/bin/env node
// Removes from a `pnpm deploy --prod` directory every package the deployed package cannot reach
// through what it needs at run time: dependencies, optionalDependencies and the peer dependencies
// that are NOT optional. Used by infra/images/Containerfile (docs/deployment.md, "Images").
//
// Why: the workspace resolves @prisma/client's optional peer `prisma` (the CLI, a root
// devDependency) and @nestjs/swagger's optional peer `typescript`, so the deployed tree carries the
// Prisma CLI, Prisma Studio, TypeScript and their own dependencies (≈ 240 MB) although the API only
// loads `@prisma/client/runtime`. The generated client never imports the CLI.
// It also removes what nothing loads at run time: source maps, TypeScript declarations, and
// Prisma's query compilers for database providers other than the schema's (≈ 45 MB).
//
//   node infra/images/prune-deploy.mjs DEPLOY_DIR [--prisma-provider postgresql] [--dry-run]
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Runtime dependency names of a package.json: optional peers left out. */
export function runtimeDependencies(manifest) {
  const optionalPeers = new Set(
    Object.entries(manifest.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta?.optional)
      .map(([name]) => name),
  );
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name)),
  ];
}

function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return {};
  }
}

/** `.pnpm/<id>` that holds a package directory, or null for a directory outside the virtual store. */
function storeEntry(store, packageDir) {
  const relative = path.relative(store, packageDir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep)[0] ?? null;
}

/** The directory a dependency `name` of the package in `packageDir` resolves to, or null. */
function resolveDependency(deployDir, packageDir, name) {
  // pnpm links a package's dependencies beside it (…/.pnpm/<id>/node_modules/<dep>); the hoisted
  // …/.pnpm/node_modules and the deploy's own node_modules are Node's next places to look.
  const container = path.basename(path.dirname(packageDir)).startsWith('@')
    ? path.dirname(path.dirname(packageDir))
    : path.dirname(packageDir);
  for (const base of [
    container,
    path.join(deployDir, 'node_modules', '.pnpm', 'node_modules'),
    path.join(deployDir, 'node_modules'),
  ]) {
    const candidate = path.join(base, name);
    if (existsSync(candidate)) return realpathSync(candidate);
  }
  return null;
}

/**
 * Store entries reachable from the deployed package's runtime dependencies, and the total count of
 * entries. Pure reading: nothing is removed.
 */
export function reachableStoreEntries(deployDir) {
  const store = path.join(deployDir, 'node_modules', '.pnpm');
  const root = readManifest(deployDir);
  const seen = new Set();
  const keep = new Set();
  const queue = [];
  for (const name of [
    ...Object.keys(root.dependencies ?? {}),
    ...Object.keys(root.optionalDependencies ?? {}),
  ]) {
    const dir = resolveDependency(deployDir, path.join(deployDir, 'node_modules', name), name);
    if (dir) queue.push(dir);
  }
  while (queue.length > 0) {
    const dir = queue.pop();
    if (seen.has(dir)) continue;
    seen.add(dir);
    const entry = storeEntry(store, dir);
    if (entry) keep.add(entry);
    for (const name of runtimeDependencies(readManifest(dir))) {
      const resolved = resolveDependency(deployDir, dir, name);
      if (resolved && !seen.has(resolved)) queue.push(resolved);
    }
  }
  const all = readdirSync(store).filter((name) => name !== 'node_modules' && !name.startsWith('.'));
  return { keep, all };
}

/** Symbolic links under `dir` (one level, scopes included) whose target is gone. */
function removeDanglingLinks(dir) {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name.startsWith('@') && lstatSync(full).isDirectory()) {
      removed += removeDanglingLinks(full);
      continue;
    }
    if (lstatSync(full).isSymbolicLink() && !existsSync(full)) {
      rmSync(full);
      removed += 1;
    }
  }
  return removed;
}

const PRISMA_PROVIDERS = ['postgresql', 'cockroachdb', 'mysql', 'sqlite', 'sqlserver'];

/** Files no process loads: source maps, declarations, other providers' Prisma query compilers. */
export function isUnusedFile(file, prismaProvider) {
  const name = path.basename(file);
  if (/\.(map|d\.ts|d\.mts|d\.cts)$/.test(name)) return true;
  const compiler = /^query_compiler_[a-z]+_bg\.([a-z]+)\./.exec(name);
  return Boolean(
    prismaProvider &&
      compiler &&
      PRISMA_PROVIDERS.includes(compiler[1]) &&
      compiler[1] !== prismaProvider &&
      file.split(path.sep).includes('@prisma'),
  );
}

function removeUnusedFiles(dir, prismaProvider) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) bytes += removeUnusedFiles(full, prismaProvider);
    else if (entry.isFile() && isUnusedFile(full, prismaProvider)) {
      bytes += lstatSync(full).size;
      rmSync(full);
    }
  }
  return bytes;
}

export function pruneDeploy(deployDir, { dryRun = false, prismaProvider } = {}) {
  const store = path.join(deployDir, 'node_modules', '.pnpm');
  if (!existsSync(store)) throw new Error(`prune-deploy: ${store} is missing (not a pnpm deploy directory)`);
  const { keep, all } = reachableStoreEntries(deployDir);
  const drop = all.filter((entry) => !keep.has(entry));
  if (!dryRun) {
    for (const entry of drop) rmSync(path.join(store, entry), { recursive: true, force: true });
    // Links to what was dropped (optional peers beside their dependents, hoisted links) go too.
    for (const entry of keep) removeDanglingLinks(path.join(store, entry, 'node_modules'));
    removeDanglingLinks(path.join(store, 'node_modules'));
    removeDanglingLinks(path.join(deployDir, 'node_modules'));
  }
  const unusedBytes = dryRun ? 0 : removeUnusedFiles(deployDir, prismaProvider);
  return { kept: keep.size, dropped: drop, unusedBytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    options: { 'dry-run': { type: 'boolean', default: false }, 'prisma-provider': { type: 'string' } },
    allowPositionals: true,
  });
  const prismaProvider = values['prisma-provider'];
  if (positionals.length !== 1 || (prismaProvider && !PRISMA_PROVIDERS.includes(prismaProvider))) {
    console.error(
      'usage: node infra/images/prune-deploy.mjs DEPLOY_DIR [--prisma-provider postgresql] [--dry-run]',
    );
    process.exit(2);
  }
  const dryRun = values['dry-run'];
  const { kept, dropped, unusedBytes } = pruneDeploy(path.resolve(positionals[0]), {
    dryRun,
    prismaProvider,
  });
  console.log(
    `prune-deploy: kept ${kept} packages, ${dryRun ? 'would drop' : 'dropped'} ${dropped.length}` +
      (dropped.length ? ` (${dropped.slice(0, 12).join(', ')}${dropped.length > 12 ? ', …' : ''})` : '') +
      (dryRun
        ? ''
        : `; removed ${(unusedBytes / 1e6).toFixed(1)} MB of maps, declarations, other providers' compilers`),
  );
}
