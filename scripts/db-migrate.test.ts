import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { dbmateUrl } from './db-migrate.mjs';

describe('db:migrate URL handling', () => {
  it('adds sslmode=disable for dbmate unless the URL sets one', () => {
    expect(dbmateUrl('postgresql://postgres@127.0.0.1:5432/aura')).toBe(
      'postgresql://postgres@127.0.0.1:5432/aura?sslmode=disable',
    );
    expect(dbmateUrl('postgresql://u@db:5432/aura?sslmode=require')).toBe(
      'postgresql://u@db:5432/aura?sslmode=require',
    );
  });

  it('names DATABASE_URL when it is unusable', () => {
    expect(() => dbmateUrl('nope')).toThrow(/^DATABASE_URL: not a valid URL/);
    expect(() => dbmateUrl('mysql://x/db')).toThrow(/^DATABASE_URL: protocol must be postgresql:/);
    expect(() => dbmateUrl('postgresql://x:5432')).toThrow(/^DATABASE_URL: the database name is missing/);
  });
});
