import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { checkFile, envRuleApplies } from './check-boundaries.mjs';

type Problem = { rule: string; line: number; message: string };
// Built at run time so that this file's own text does not trip the check it tests.
const imp = (specifier: string) => `import { a } from '${specifier}';`;
const dyn = (specifier: string) => `const a = await import('${specifier}');`;
const APPS = 'apps';
const rules = (file: string, text: string) =>
  (checkFile(file, text) as Problem[]).map((p) => `${p.line} ${p.rule}`);

describe('check-boundaries', () => {
  it("refuses an import into another app's sources, static or dynamic", () => {
    const text = [
      imp('../apps/api/src/common/secrets.js'),
      dyn('../apps/agent/src/runtime/agent-runtime.js'),
    ];
    expect(rules('bench/ingest.ts', text.join('\n'))).toEqual(['1 cross-app', '2 cross-app']);
    expect(rules('apps/dashboard/src/x.ts', imp('../../api/src/config/app-config.js'))).toEqual([
      '1 cross-app',
    ]);
  });

  it("refuses a path into another app's sources computed for an import or built with path calls", () => {
    // the shape the e2e/agent-api tests had in apps/api/test before @aura/agent/control-plane
    const relative = [
      "const agentSource = path.resolve(import.meta.dirname, '../../agent/src');",
      'const load = (file: string) => import(/* @vite-ignore */ path.join(agentSource, file));',
    ].join('\n');
    expect(rules('apps/api/test/x.int.test.ts', relative)).toEqual(['1 computed-path']);
    const named = [
      'const m = await import(',
      `  path.join(root, '${APPS}/agent/src/agent/robot-agent.ts'),`,
      ');',
    ];
    expect(rules('e2e/agent-api/x.e2e.test.ts', named.join('\n'))).toEqual(['2 computed-path']);
    expect(rules('bench/x.ts', `const u = new URL('../${APPS}/cli/src/run.ts', import.meta.url);`)).toEqual([
      '1 computed-path',
    ]);
    // its own app, a comment, starting an app as a process from its directory, a model file: allowed
    expect(rules('apps/agent/test/x.test.ts', `path.join(root, '${APPS}/agent/src/main.ts');`)).toEqual([]);
    expect(rules('e2e/x.e2e.test.ts', `// path.join(root, '${APPS}/agent/src/main.ts')`)).toEqual([]);
    const process = [
      `spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: path.join(root, '${APPS}/api') });`,
      "const model = path.resolve(import.meta.dirname, '../../models/aura-mem-hard-v1.onnx');",
    ];
    expect(rules('e2e/agent-api/x.e2e.test.ts', process.join('\n'))).toEqual([]);
    // a dynamic import of one literal is reported once, by the import rule
    expect(rules('bench/x.ts', dyn('../apps/agent/src/runtime/agent-runtime.js'))).toEqual(['1 cross-app']);
  });

  it("allows an app's own sources, its tests, and other apps' public packages", () => {
    const text = [
      "import { createApiApp } from '../src/bootstrap.js';",
      "import { createApiClient } from '@aura/api-client';",
      "import { TelemetryRecordSchema } from '@aura/core/contract';",
      "import { migrate } from '../../../scripts/db-migrate.mjs';",
    ].join('\n');
    expect(rules('apps/api/test/health.int.test.ts', text)).toEqual([]);
  });

  it("refuses a package's files by path, and deep @aura specifiers", () => {
    expect(rules('bench/memory.ts', imp('../packages/core/src/index.js'))).toEqual(['1 deep-import']);
    expect(rules('apps/agent/src/a.ts', imp('@aura/core/src/fleet/index.js'))).toEqual(['1 deep-import']);
    expect(rules('packages/core/src/fleet/a.ts', "import { a } from '../contract/index.js';")).toEqual([]);
  });

  it('keeps packages/core free of frameworks and runtime bindings, and apps from importing each other', () => {
    expect(rules('packages/core/src/fleet/a.ts', imp('ioredis'))).toEqual(['1 core-pure']);
    expect(rules('packages/core/src/memory/a.ts', imp('onnxruntime-node'))).toEqual(['1 core-pure']);
    expect(rules('packages/core/src/memory/a.ts', imp('onnx-proto'))).toEqual([]);
    expect(rules('apps/dashboard/src/a.ts', imp('@aura/api/admin'))).toEqual(['1 cross-app']);
    expect(rules('apps/api/src/a.ts', imp('ioredis'))).toEqual([]);
  });

  it('refuses process.env in runtime code outside the config modules', () => {
    expect(
      rules('apps/api/src/modules/x/x.service.ts', 'const a = 1;\nconst url = process.env.URL;'),
    ).toEqual(['2 env']);
    expect(rules('apps/api/src/config/app-config.ts', 'loadConfig(process.env)')).toEqual([]);
    expect(envRuleApplies('apps/api/test/health.int.test.ts')).toBe(false);
    expect(envRuleApplies('apps/agent/src/cli.test.ts')).toBe(false);
    expect(envRuleApplies('packages/testing/src/stack.ts')).toBe(false);
    expect(envRuleApplies('bench/ingest.ts')).toBe(false);
    expect(envRuleApplies('apps/agent/packaging/build-package.ts')).toBe(false);
    expect(envRuleApplies('apps/dashboard/next.config.ts')).toBe(false);
    expect(envRuleApplies('apps/dashboard/app/(fleet)/page.tsx')).toBe(true);
    expect(envRuleApplies('packages/core/src/memory/train.ts')).toBe(true);
  });
});
