#!/usr/bin/env node
// Generates the Prisma Client (generator "prisma-client") from prisma/schema.prisma.
//
// Prisma 7's CLI wants to download a native schema engine on every command, and nothing outside the
// npm registry is reachable on our machines. `prisma generate` never uses that engine, so we point
// PRISMA_SCHEMA_ENGINE_BINARY at an existing file to stop the download (ENVIRONMENT.md). Migrations
// are not Prisma's job here: see scripts/db-migrate.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let prismaCli;
try {
  prismaCli = require.resolve('prisma/build/index.js', { paths: [root] });
} catch {
  console.error('prisma-generate: the prisma CLI is not installed yet (run `pnpm install`).');
  process.exit(1);
}
if (!existsSync(path.join(root, 'prisma', 'schema.prisma'))) {
  console.error('prisma-generate: prisma/schema.prisma is missing.');
  process.exit(1);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  PRISMA_TELEMETRY_DISABLED: '1',
};
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
