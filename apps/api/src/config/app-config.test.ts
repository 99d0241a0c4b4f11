import { describe, expect, it } from 'vitest';
import { ConfigError, generateSigningKeyEntry, loadConfig } from './app-config.js';

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

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(4000);
  });

  it('reads signing keys, signs with the named (or last) key and keeps older ids for verification', () => {
    const keys = `${generateSigningKeyEntry('k1')},${generateSigningKeyEntry('k2')}`;
    const config = loadConfig({ CONFIG_SIGNING_KEYS: keys });
    expect(config.signing.keys.map((key) => key.keyId)).toEqual(['k1', 'k2']);
    expect(config.signing.active.keyId).toBe('k2');
    expect(loadConfig({ CONFIG_SIGNING_KEYS: keys, CONFIG_SIGNING_KEY_ID: 'k1' }).signing.active.keyId).toBe(
      'k1',
    );
    expect(errorOf({ CONFIG_SIGNING_KEYS: keys, CONFIG_SIGNING_KEY_ID: 'k3' }).variables).toEqual([
      'CONFIG_SIGNING_KEY_ID',
    ]);
  });

  it('names CONFIG_SIGNING_KEYS when a key is malformed or missing in production', () => {
    expect(errorOf({ CONFIG_SIGNING_KEYS: 'k1:bm90IGEga2V5' }).message).toContain(
      'CONFIG_SIGNING_KEYS key "k1" is not a base64 PKCS#8 Ed25519 private key',
    );
    expect(errorOf({ NODE_ENV: 'production' }).variables).toEqual(['CONFIG_SIGNING_KEYS']);
    expect(loadConfig({}).signing.ephemeral).toBe(true);
  });
});
