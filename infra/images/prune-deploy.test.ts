import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isUnusedFile, pruneDeploy } from './prune-deploy.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pnpm deploy directory: node_modules/<name> → .pnpm/<id>/node_modules/<name>, deps linked beside. */
function fakeDeploy(packages: Record<string, Record<string, unknown>>, rootDeps: string[]) {
  const deploy = mkdtempSync(path.join(tmpdir(), 'prune-deploy-'));
  dirs.push(deploy);
  const store = path.join(deploy, 'node_modules', '.pnpm');
  const entry = (name: string) => path.join(store, `${name.replace('/', '+')}@1.0.0`, 'node_modules', name);
  for (const [name, manifest] of Object.entries(packages)) {
    mkdirSync(entry(name), { recursive: true });
    writeFileSync(path.join(entry(name), 'package.json'), JSON.stringify({ name, ...manifest }));
    writeFileSync(path.join(entry(name), 'index.js'), '');
    const linked = [
      ...Object.keys((manifest.dependencies as object) ?? {}),
      ...Object.keys((manifest.peerDependencies as object) ?? {}),
    ];
    // pnpm links a package's dependencies in its store entry's node_modules (beside the scope dir).
    const container = path.join(store, `${name.replace('/', '+')}@1.0.0`, 'node_modules');
    for (const dep of linked) {
      const link = path.join(container, dep);
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(path.relative(path.dirname(link), entry(dep)), link);
    }
  }
  for (const name of rootDeps) {
    const link = path.join(deploy, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), entry(name)), link);
  }
  writeFileSync(
    path.join(deploy, 'package.json'),
    JSON.stringify({ name: 'app', dependencies: Object.fromEntries(rootDeps.map((n) => [n, '1.0.0'])) }),
  );
  return { deploy, entry };
}

describe('pruneDeploy', () => {
  it('keeps dependencies and required peers, drops what only optional peers reach', () => {
    const { deploy, entry } = fakeDeploy(
      {
        '@prisma/client': {
          dependencies: { runtime: '1' },
          peerDependencies: { prisma: '*', typescript: '*' },
          peerDependenciesMeta: { prisma: { optional: true }, typescript: { optional: true } },
        },
        runtime: {},
        prisma: { dependencies: { studio: '1' } },
        studio: {},
        typescript: {},
        nest: { peerDependencies: { rxjs: '7' } },
        rxjs: {},
      },
      ['@prisma/client', 'nest'],
    );
    const { kept, dropped } = pruneDeploy(deploy);
    expect(kept).toBe(4); // @prisma/client, runtime, nest, rxjs
    expect(dropped.sort()).toEqual(['prisma@1.0.0', 'studio@1.0.0', 'typescript@1.0.0']);
    expect(existsSync(entry('prisma'))).toBe(false);
    expect(existsSync(entry('rxjs'))).toBe(true);
    expect(existsSync(path.join(entry('runtime'), 'index.js'))).toBe(true);
    // The optional peer's link beside @prisma/client dangled and is gone; the required one stays.
    const besideClient = path.dirname(path.dirname(entry('@prisma/client')));
    expect(() => lstatSync(path.join(besideClient, 'prisma'))).toThrow();
    expect(lstatSync(path.join(besideClient, 'runtime')).isSymbolicLink()).toBe(true);
  });

  it('dry run removes nothing', () => {
    const { deploy, entry } = fakeDeploy({ a: {}, b: {} }, ['a']);
    expect(pruneDeploy(deploy, { dryRun: true }).dropped).toEqual(['b@1.0.0']);
    expect(existsSync(entry('b'))).toBe(true);
  });

  it('refuses a directory that is not a pnpm deploy', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'prune-deploy-'));
    dirs.push(dir);
    expect(() => pruneDeploy(dir)).toThrow(/not a pnpm deploy/);
  });
});

describe('isUnusedFile', () => {
  const prismaRuntime = '/d/node_modules/.pnpm/x/node_modules/@prisma/client/runtime';
  it.each([
    ['/d/dist/main.js.map', true],
    ['/d/node_modules/x/index.d.ts', true],
    ['/d/node_modules/x/index.d.mts', true],
    ['/d/dist/main.js', false],
    [`${prismaRuntime}/query_compiler_fast_bg.mysql.wasm-base64.mjs`, true],
    [`${prismaRuntime}/query_compiler_small_bg.sqlite.js`, true],
    [`${prismaRuntime}/query_compiler_fast_bg.postgresql.wasm-base64.mjs`, false],
    [`${prismaRuntime}/query_compiler_fast_bg.postgresql.mjs`, false],
    ['/d/node_modules/other/query_compiler_fast_bg.mysql.js', false],
  ])('%s → %s (provider postgresql)', (file, unused) => {
    expect(isUnusedFile(file, 'postgresql')).toBe(unused);
  });

  it('keeps every provider when none is named', () => {
    expect(isUnusedFile(`${prismaRuntime}/query_compiler_fast_bg.mysql.js`, undefined)).toBe(false);
  });
});
