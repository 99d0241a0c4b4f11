import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSigningKeySource } from './app-config.js';
import { generateSigningKeyEntry } from './setting-formats.js';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the local services', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgresql://postgres@127.0.0.1:5432/aura_fleet');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.port).toBe(4000);
  });

  it('names DATABASE_URL in one line when it is malformed', () => {
    const error = errorOf({ DATABASE_URL: 'not a url' });
    expect(error.variables).toEqual(['DATABASE_URL']);
    expect(error.message).toMatch(/^Invalid configuration: DATABASE_URL is not a valid URL/);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a non-PostgreSQL DATABASE_URL and one without a database', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://root@localhost/db' }).message).toContain(
      'DATABASE_URL must use the postgresql:// or postgres:// scheme',
    );
    expect(errorOf({ DATABASE_URL: 'postgresql://localhost:5432' }).message).toContain(
      'DATABASE_URL names no database',
    );
  });

  it('names every bad variable at once', () => {
    const error = errorOf({ PORT: '70000', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' });
    expect(error.variables.sort()).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it('accepts one Redis Cluster hash tag in REDIS_PREFIX and names the variable otherwise', () => {
    expect(loadConfig({ REDIS_PREFIX: '{aura}' }).redis.prefix).toBe('{aura}');
    expect(loadConfig({ REDIS_PREFIX: 'prod:{aura-eu}' }).redis.prefix).toBe('prod:{aura-eu}');
    for (const bad of ['{}', '{a}{b}', 'a{b', 'a b', 'x'.repeat(65)]) {
      expect(errorOf({ REDIS_PREFIX: bad }).variables, bad).toEqual(['REDIS_PREFIX']);
    }
  });

  it('reads Redis Cluster seed nodes from REDIS_CLUSTER_NODES (unset: one Redis server)', () => {
    expect(loadConfig({}).redis.clusterNodes).toBeNull();
    const config = loadConfig({
      REDIS_CLUSTER_NODES: 'redis-0.redis:6379, 10.0.0.7:7001,[::1]:7002',
      REDIS_PREFIX: '{aura}',
    });
    expect(config.redis.clusterNodes).toEqual([
      { host: 'redis-0.redis', port: 6379 },
      { host: '10.0.0.7', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    for (const bad of [',', 'redis-0', 'redis-0:0', 'redis-0:99999', 'redis://redis-0:6379']) {
      expect(errorOf({ REDIS_CLUSTER_NODES: bad, REDIS_PREFIX: '{aura}' }).variables, bad).toEqual([
        'REDIS_CLUSTER_NODES',
      ]);
    }
  });

  it('refuses to start on Redis Cluster without a {hash tag} in REDIS_PREFIX, or with a database index', () => {
    const untagged = errorOf({ REDIS_CLUSTER_NODES: 'redis-0:6379', REDIS_PREFIX: 'aura' });
    expect(untagged.variables).toEqual(['REDIS_PREFIX']);
    expect(untagged.message).toContain('REDIS_PREFIX "aura" has no {hash tag}');
    expect(errorOf({ REDIS_CLUSTER_NODES: 'redis-0:6379' }).variables).toEqual(['REDIS_PREFIX']);
    const db = errorOf({
      REDIS_CLUSTER_NODES: 'redis-0:6379',
      REDIS_PREFIX: '{aura}',
      REDIS_URL: 'redis://redis-0:6379/2',
    });
    expect(db.variables).toEqual(['REDIS_URL']);
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: 'r:1', REDIS_PREFIX: 'p:{t}', REDIS_URL: 'rediss://u:pw@r:1/0' })
        .redis.clusterNodes,
    ).toHaveLength(1);
  });

  it('reads the enrolment-token limits and names the setting when one is out of range', () => {
    expect(loadConfig({}).enrollmentTokens).toEqual({ maxLifetimeHours: 8760, maxUses: 100_000 });
    expect(
      loadConfig({ ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS: '72', ENROLLMENT_TOKEN_MAX_USES: '50' })
        .enrollmentTokens,
    ).toEqual({ maxLifetimeHours: 72, maxUses: 50 });
    expect(errorOf({ ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS: '0' }).message).toContain(
      'ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS must be between 1 and 8760 hours',
    );
    expect(errorOf({ ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS: '1.5' }).variables).toEqual([
      'ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS',
    ]);
    expect(errorOf({ ENROLLMENT_TOKEN_MAX_USES: 'lots' }).message).toContain(
      'ENROLLMENT_TOKEN_MAX_USES must be a number',
    );
    expect(errorOf({ ENROLLMENT_TOKEN_MAX_USES: '100001' }).variables).toEqual(['ENROLLMENT_TOKEN_MAX_USES']);
  });

  it('reads the fleet summary on-demand cap and recency, naming a bad one', () => {
    expect(loadConfig({}).fleetSummary).toEqual({ onDemandMax: 4, onDemandRecencyMs: 15 * 60_000 });
    expect(
      loadConfig({ FLEET_SUMMARY_ON_DEMAND_MAX: '0', FLEET_SUMMARY_ON_DEMAND_MINUTES: '60' }).fleetSummary,
    ).toEqual({ onDemandMax: 0, onDemandRecencyMs: 3_600_000 });
    expect(errorOf({ FLEET_SUMMARY_ON_DEMAND_MAX: '17' }).message).toContain(
      'FLEET_SUMMARY_ON_DEMAND_MAX must be between 0 and 16',
    );
    expect(errorOf({ FLEET_SUMMARY_ON_DEMAND_MAX: 'many' }).variables).toEqual([
      'FLEET_SUMMARY_ON_DEMAND_MAX',
    ]);
    expect(errorOf({ FLEET_SUMMARY_ON_DEMAND_MINUTES: '0' }).message).toContain(
      'FLEET_SUMMARY_ON_DEMAND_MINUTES must be between 1 and 1440 minutes',
    );
    expect(errorOf({ FLEET_SUMMARY_ON_DEMAND_MINUTES: '2.5' }).variables).toEqual([
      'FLEET_SUMMARY_ON_DEMAND_MINUTES',
    ]);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(4000);
  });

  it('reads signing keys and the key to activate first (the named or last one)', () => {
    const keys = `${generateSigningKeyEntry('k1')},${generateSigningKeyEntry('k2')}`;
    const config = loadConfig({ CONFIG_SIGNING_KEYS: keys });
    expect(config.signing.keys.map((key) => key.keyId)).toEqual(['k1', 'k2']);
    expect(config.signing.initialActiveKeyId).toBe('k2');
    expect(
      loadConfig({ CONFIG_SIGNING_KEYS: keys, CONFIG_SIGNING_KEY_ID: 'k1' }).signing.initialActiveKeyId,
    ).toBe('k1');
    expect(errorOf({ CONFIG_SIGNING_KEYS: keys, CONFIG_SIGNING_KEY_ID: 'k3' }).variables).toEqual([
      'CONFIG_SIGNING_KEY_ID',
    ]);
  });

  it('names CONFIG_SIGNING_KEYS when a key is malformed, and the key-encryption key when it is not 32 bytes', () => {
    expect(errorOf({ CONFIG_SIGNING_KEYS: 'k1:bm90IGEga2V5' }).message).toContain(
      'CONFIG_SIGNING_KEYS key "k1" is not a base64 PKCS#8 Ed25519 private key',
    );
    expect(errorOf({ CONFIG_KEY_ENCRYPTION_KEY: 'c2hvcnQ=' }).variables).toEqual([
      'CONFIG_KEY_ENCRYPTION_KEY',
    ]);
    const kek = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ CONFIG_KEY_ENCRYPTION_KEY: kek }).signing.encryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  it('makes no throw-away key: without a key source a signing process refuses to start', () => {
    const bare = loadConfig({});
    expect(bare.signing.keys).toEqual([]);
    expect(() => requireSigningKeySource(bare)).toThrow(ConfigError);
    try {
      requireSigningKeySource(bare);
    } catch (error) {
      expect((error as ConfigError).variables).toEqual([
        'CONFIG_SIGNING_KEYS',
        'CONFIG_KEY_ENCRYPTION_KEY',
        'CONFIG_SIGNING_DEV_KEYS',
      ]);
    }
    // development keys only when asked for, and never in production
    expect(() => requireSigningKeySource(loadConfig({ CONFIG_SIGNING_DEV_KEYS: 'true' }))).not.toThrow();
    expect(errorOf({ NODE_ENV: 'production', CONFIG_SIGNING_DEV_KEYS: 'true' }).variables).toEqual([
      'CONFIG_SIGNING_DEV_KEYS',
    ]);
    expect(() =>
      requireSigningKeySource(loadConfig({ CONFIG_SIGNING_KEYS: generateSigningKeyEntry('k1') })),
    ).not.toThrow();
  });
});
