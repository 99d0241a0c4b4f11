import { describe, expect, it } from 'vitest';
import { nulPath } from './nul-path.js';

describe('nulPath', () => {
  it('finds nothing in values without NUL (and in non-string scalars)', () => {
    expect(
      nulPath({ records: [{ seq: 1, labels: ['a', 'b'], nested: { x: null, y: true } }] }),
    ).toBeUndefined();
    expect(nulPath(undefined)).toBeUndefined();
    expect(nulPath(null)).toBeUndefined();
    expect(nulPath(42)).toBeUndefined();
    expect(nulPath('plain')).toBeUndefined();
    expect(nulPath({})).toBeUndefined();
    expect(nulPath([])).toBeUndefined();
  });

  it('names the field of the first string holding a NUL', () => {
    expect(nulPath({ records: [{ seq: 1 }, { seq: 2, policyVersion: 'default\u0000x' }] })).toBe(
      'records[1].policyVersion',
    );
    expect(nulPath({ a: { b: [['ok', '\u0000']] } })).toBe('a.b[0][1]');
    expect(nulPath({ first: 'a\u0000', second: 'b\u0000' })).toBe('first');
    expect(nulPath(['x', { y: '\u0000' }])).toBe('[1].y');
  });

  it('names a key holding a NUL', () => {
    expect(nulPath({ records: [{ 'bad\u0000key': 1 }] })).toBe('records[0].bad\u0000key');
  });

  it('answers the empty path for a top-level string', () => {
    expect(nulPath('a\u0000b')).toBe('');
  });

  it('does not look deeper than 20 levels', () => {
    const nest = (levels: number): unknown => (levels === 0 ? '\u0000' : { n: nest(levels - 1) });
    expect(nulPath(nest(21))).toBe(`n${'.n'.repeat(20)}`);
    expect(nulPath(nest(22))).toBeUndefined();
  });

  it('ignores inherited properties', () => {
    const inherited = Object.create({ bad: '\u0000' }) as Record<string, unknown>;
    inherited.good = 'ok';
    expect(nulPath(inherited)).toBeUndefined();
  });
});
