import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';
import { createLogger } from './infrastructure/logger.js';
import { buildOpenApiDocument } from './openapi.js';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * The committed spec and client are exactly what the code generates. In CI (CI=true) a drift fails
 * here; `pnpm api:generate` rewrites both files.
 */
describe('OpenAPI spec and generated client', () => {
  // Building the module graph and the client takes seconds on a loaded machine (5.4 s seen at load 30).
  it('match the code', { timeout: 60_000 }, async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    // Preview mode builds the module graph without instantiating providers: no database or Redis needed.
    const app = await NestFactory.create(
      AppModule.forRoot({ config, logger: createLogger(config, 'openapi'), role: 'api' }),
      new FastifyAdapter(),
      { preview: true, logger: false },
    );
    const document = buildOpenApiDocument(app);
    await app.close();

    const paths = Object.keys(document.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/agent/telemetry', '/v1/agent/config', '/v1/policies']),
    );
    // Every path parameter is declared (a uuid) in its route's ApiContract, so ContractPipe validates it.
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(operations) as {
        parameters?: { in: string; name: string; schema?: { format?: string } }[];
      }[]) {
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path' && p.schema?.format === 'uuid')
          .map((p) => p.name);
        expect(declared.sort(), route).toEqual([...route.matchAll(/{(\w+)}/g)].map((m) => m[1]).sort());
      }
    }
    const spec = `${JSON.stringify(document, null, 2)}\n`;
    await expect(spec).toMatchFileSnapshot(path.join(root, 'apps/api/openapi.json'));

    const header =
      '// Generated from apps/api/openapi.json by openapi-typescript (`pnpm api:generate`). Do not edit.\n\n';
    const client = header + astToString(await openapiTS(JSON.parse(spec)));
    await expect(client).toMatchFileSnapshot(path.join(root, 'packages/api-client/src/schema.ts'));
  });
});
