#!/usr/bin/env node
// Part of `pnpm lint`: the dependency rules of docs/development.md ("What may import what") that Biome
// cannot state, checked over every tracked source file.
//
//  - cross-app:  no import into another app's sources (apps/<x>/src, apps/<x>/app, apps/<x>/test) from
//                outside apps/<x>/: go through that app's public entry point (its package exports).
//  - computed-path: the same, for a path into another app's sources computed in code — a string naming
//                apps/<x>/src (app, test), or a relative one leading there, inside an `import(…)`,
//                `require(…)`, `path.join(…)`, `path.resolve(…)` or `new URL(…)` — which the import
//                rule cannot see (`import(path.join(agentSource, file))`). Starting an app as a process
//                from its directory (`cwd` + `src/main.ts`) names no such path and stays allowed.
//  - deep-import: no import into a package's files by path (packages/<p>/src/…, @aura/<p>/src/…) from
//                outside it: import `@aura/<p>` or one of its declared entry points.
//  - core-pure:  packages/core imports no framework, database, queue or runtime binding.
//  - env:        `process.env` only in each process's config module (or its entry point handing the
//                environment to it), in the runtime code of apps/* and packages/* (their src/, and app/).
//                Tests, benchmarks, build and packaging scripts and tooling set processes up: out of scope.
//
// What must stay is allow-listed below with its reason; an entry that no longer matches anything fails
// the check too, so the list only shrinks.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files allowed to read `process.env` directly, besides none: each one says why. */
export const ENV_READERS = {
  'apps/api/src/config/app-config.ts': 'the API and worker config module (loadConfig)',
  'apps/dashboard/src/config/dashboard-config.ts': "the dashboard's config module",
  'apps/agent/src/cli.ts':
    "the agent's entry point: hands the environment to its commands, which parse it with config/agent-config.ts",
  'apps/cli/src/main.ts':
    "the aura CLI's entry point: hands argv, environment and streams to run(), which reads its settings in config/",
  'apps/agent/src/model/onnxruntime-telemetry.ts':
    "writes ORT_DISABLE_TELEMETRY for onnxruntime's native code, which reads the environment itself",
  'apps/agent/src/control-plane/http-transport.ts':
    "HTTPS_PROXY/HTTP_PROXY/NO_PROXY as a default argument (the curl convention undici applies); moving it behind agent-config is the agent's work",
};

/** Imports across the rules that must stay for now: from files under `from` into `to`, and why. */
export const ALLOWED_IMPORTS = [
  {
    from: 'vitest.config.ts',
    to: 'apps/dashboard/src',
    why: "build configuration: the dashboard's `@` alias (its tsconfig paths) for its own unit tests",
  },
];

/** What packages/core never imports (docs/development.md). */
const CORE_FORBIDDEN = [
  '@nestjs',
  '@prisma',
  'next',
  'react',
  'ioredis',
  'bullmq',
  'pg',
  'onnxruntime-node',
  'fastify',
];

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIP = [/(^|\/)node_modules\//, /(^|\/)dist\//, /(^|\/)\.next\//, /\/generated\//, /\.d\.ts$/];
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bexport\s*\*\s*from\s*)(['"])([^'"\n]+)\1/g;

const PATH_CALL = /\b(?:import|require|path\.(?:join|resolve)|new\s+URL)\s*\(/g;
const STRING = /(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g;
const APP_PATH = /(?:^|\/)apps\/([^/]+)\/(src|app|test)(?:\/|$)/;

/** The text of the call whose `(` is at `open`, up to its matching `)` (or the end of the text). */
function callText(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** Paths into another app's sources that `file` computes in an import or path call (computed-path). */
function computedPaths(file, text, lineOf) {
  const problems = [];
  const from = areaOf(file);
  const seen = new Set(); // a literal inside nested calls (import(path.join(…))) counts once
  for (const call of text.matchAll(PATH_CALL)) {
    const lineStart = text.lastIndexOf('\n', call.index) + 1;
    if (/^\s*(\/\/|\*|\/\*)/.test(text.slice(lineStart, call.index))) continue; // a comment
    const args = callText(text, call.index + call[0].length - 1);
    // import('…') / require('…') of one literal: the import rules above judge it
    if (/^(import|require)/.test(call[0]) && /^\(\s*(['"])[^'"\n]*\1\s*\)$/.test(args)) continue;
    for (const literal of args.matchAll(STRING)) {
      const at = call.index + call[0].length - 1 + literal.index;
      if (seen.has(at)) continue;
      seen.add(at);
      const value = literal[2];
      let target;
      if (APP_PATH.test(value)) target = value.slice(value.search(/(?:^|\/)apps\//)).replace(/^\//, '');
      else if (value.startsWith('.'))
        target = path.posix.normalize(path.posix.join(path.posix.dirname(file), value));
      const app = target && APP_PATH.exec(target);
      if (!app || target.indexOf(app[0].replace(/^\//, '')) !== 0 || from === `apps/${app[1]}`) continue;
      problems.push({
        file,
        line: lineOf(at),
        rule: 'computed-path',
        message: `${value}: a path into apps/${app[1]}'s ${app[2]}/ built in code; use its public entry point`,
        target: target.replace(/\/$/, ''),
      });
    }
  }
  return problems;
}

/** Workspace area of a repository path: `apps/api`, `packages/core`, or the first folder. */
export function areaOf(file) {
  const [top, name] = file.split('/');
  return top === 'apps' || top === 'packages' ? `${top}/${name}` : top;
}

const isTest = (file) =>
  /\.(test|e2e\.test|int\.test)\.[cm]?tsx?$/.test(file) || /(^|\/)(test|e2e)\//.test(file);

/**
 * The env rule's scope: runtime code of apps and packages (apps/<x>/src and app, packages/<p>/src);
 * not their tests, build and packaging scripts or build configuration, nor the test-support package.
 */
export function envRuleApplies(file) {
  if (isTest(file) || file.startsWith('packages/testing/')) return false;
  return /^apps\/[^/]+\/(src|app)\//.test(file) || /^packages\/[^/]+\/src\//.test(file);
}

/** Problems in one file's text. `file` is its repository path. */
export function checkFile(file, text) {
  const problems = [];
  const lineOf = (index) => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2];
    const line = lineOf(match.index);
    let target;
    if (specifier.startsWith('.')) {
      target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    } else {
      const runtime = CORE_FORBIDDEN.find((name) => specifier === name || specifier.startsWith(`${name}/`));
      if (file.startsWith('packages/core/') && runtime) {
        problems.push({
          file,
          line,
          rule: 'core-pure',
          message: `${specifier}: packages/core imports no framework, database, queue or runtime binding`,
        });
      }
      const otherApp = /^@aura\/(api|agent|dashboard)(\/|$)/.exec(specifier);
      if (otherApp && file.startsWith('apps/') && areaOf(file) !== `apps/${otherApp[1]}`) {
        problems.push({
          file,
          line,
          rule: 'cross-app',
          message: `${specifier}: apps never import each other`,
        });
      }
      const deep = /^@aura\/([^/]+)\/(src|dist|test)(\/|$)/.exec(specifier);
      if (deep)
        problems.push({
          file,
          line,
          rule: 'deep-import',
          message: `${specifier}: import @aura/${deep[1]} or one of its entry points`,
        });
      continue;
    }
    const from = areaOf(file);
    const to = areaOf(target);
    if (from === to) continue;
    const app = /^apps\/([^/]+)\/(src|app|test|e2e)(\/|$)/.exec(target);
    const pkg = /^packages\/([^/]+)\/(src|test)(\/|$)/.exec(target);
    if (app) {
      problems.push({
        file,
        line,
        rule: 'cross-app',
        message: `${specifier}: into apps/${app[1]}'s ${app[2]}/; use its public entry point`,
        target,
      });
    } else if (pkg) {
      problems.push({
        file,
        line,
        rule: 'deep-import',
        message: `${specifier}: into packages/${pkg[1]}; import @aura/${pkg[1]}`,
        target,
      });
    }
  }
  problems.push(...computedPaths(file, text, lineOf));
  if (envRuleApplies(file) && !(file in ENV_READERS)) {
    for (const match of text.matchAll(/\bprocess\.env\b/g)) {
      problems.push({
        file,
        line: lineOf(match.index),
        rule: 'env',
        message: "process.env outside the process's config module: read it there and pass the typed value on",
      });
    }
  }
  return problems;
}

/** Runs the check over `files` (repository paths) read from `root`; returns the report lines. */
export function checkTree(root, files) {
  const problems = [];
  const usedImports = new Set();
  const envReaders = new Set();
  for (const file of files) {
    if (!SOURCE.test(file) || SKIP.some((skip) => skip.test(file))) continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    if (file in ENV_READERS && /\bprocess\.env\b/.test(text)) envReaders.add(file);
    for (const problem of checkFile(file, text)) {
      const allowed = ALLOWED_IMPORTS.findIndex(
        (entry) => problem.target && file.startsWith(entry.from) && problem.target.startsWith(entry.to),
      );
      if (allowed >= 0) usedImports.add(allowed);
      else problems.push(problem);
    }
  }
  const lines = problems.map((p) => `${p.file}:${p.line} ${p.rule}: ${p.message}`);
  for (const file of Object.keys(ENV_READERS)) {
    if (!envReaders.has(file))
      lines.push(
        `scripts/check-boundaries.mjs: ENV_READERS lists ${file}, which no longer reads process.env: remove it`,
      );
  }
  ALLOWED_IMPORTS.forEach((entry, index) => {
    if (!usedImports.has(index))
      lines.push(
        `scripts/check-boundaries.mjs: ALLOWED_IMPORTS ${entry.from} -> ${entry.to} is no longer needed: remove it`,
      );
  });
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  const lines = checkTree(root, files);
  for (const line of lines) console.error(line);
  if (lines.length > 0) {
    console.error(
      `boundaries: ${lines.length} problem(s); see "What may import what" in docs/development.md`,
    );
    process.exit(1);
  }
  console.log(`boundaries: ${files.filter((f) => SOURCE.test(f)).length} files checked, no problems`);
}
