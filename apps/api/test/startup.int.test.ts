import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function start(entry: 'main.ts' | 'worker.ts', env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['--conditions=@aura/source', '--import', 'tsx', path.join('src', entry)],
    {
      cwd: path.resolve(import.meta.dirname, '..'), // tsx reads apps/api/tsconfig.json (decorators)
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
}

describe('start-up configuration', () => {
  it.each(['main.ts', 'worker.ts'] as const)(
    '%s stops with one line naming a malformed DATABASE_URL',
    (entry) => {
      const result = start(entry, { DATABASE_URL: 'postgres//oops' });
      expect(result.status).toBe(78);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Invalid configuration: DATABASE_URL /);
    },
  );

  it('names a malformed REDIS_URL', () => {
    const result = start('main.ts', { REDIS_URL: 'localhost:6379' });
    expect(result.status).toBe(78);
    expect(result.stderr.trim()).toMatch(
      /^Invalid configuration: REDIS_URL must use the redis:\/\/ or rediss:\/\/ scheme/,
    );
  });

  it('the worker stops naming a bad FLEET_SUMMARY_ON_DEMAND_MAX', () => {
    const result = start('worker.ts', { FLEET_SUMMARY_ON_DEMAND_MAX: '100' });
    expect(result.status).toBe(78);
    expect(result.stderr.trim()).toMatch(
      /^Invalid configuration: FLEET_SUMMARY_ON_DEMAND_MAX must be between 0 and 16/,
    );
  });

  it.each(['main.ts', 'worker.ts'] as const)(
    '%s on Redis Cluster (REDIS_CLUSTER_NODES) stops naming REDIS_PREFIX when it has no {hash tag}',
    (entry) => {
      const result = start(entry, { REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_PREFIX: 'aura' });
      expect(result.status).toBe(78);
      expect(result.stderr.trim()).toMatch(/^Invalid configuration: REDIS_PREFIX "aura" has no \{hash tag\}/);
    },
  );
});
