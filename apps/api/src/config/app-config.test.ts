import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './app-config.js';

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
});
