#!/usr/bin/env node
// `pnpm db:migrate [status|up|rollback]`: applies the committed SQL migrations in prisma/migrations
// with dbmate (its binary ships inside its npm package). The one command tests, demo and production
// use. dbmate creates the database when missing, runs each pending file in its own transaction, and
// records what ran in `schema_migrations`. See docs/database.md.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/aura_fleet';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** dbmate wants an explicit sslmode for PostgreSQL; local servers here speak plain TCP. */
export function dbmateUrl(databaseUrl) {
  let url;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL: not a valid URL (expected postgresql://user@host:port/database)');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL: protocol must be postgresql:, got "${url.protocol}"`);
  }
  if (url.pathname.length <= 1) throw new Error('DATABASE_URL: the database name is missing');
  if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'disable');
  return url.toString();
}

export function migrate(databaseUrl, command = 'up', { quiet = false } = {}) {
  const require = createRequire(import.meta.url);
  const dbmatePkg = path.dirname(require.resolve('dbmate/package.json', { paths: [root] }));
  const bin = path.join(dbmatePkg, 'dist', 'cli.js');
  const result = spawnSync(
    process.execPath,
    [
      bin,
      '--no-dump-schema',
      '--migrations-dir',
      path.join(root, 'prisma', 'migrations'),
      '--url',
      dbmateUrl(databaseUrl),
      command,
    ],
    { stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' },
  );
  if (result.status !== 0) {
    const detail = quiet ? `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() : '';
    throw new Error(`db:migrate ${command} failed${detail ? `: ${detail}` : ''}`);
  }
  return result.stdout ?? '';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'up';
  if (!['up', 'status', 'rollback', 'migrate'].includes(command)) {
    console.error(`usage: pnpm db:migrate [up|status|rollback]  (got "${command}")`);
    process.exit(2);
  }
  try {
    migrate(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, command);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
