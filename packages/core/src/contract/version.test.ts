import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { CORE_VERSION, WIRE_CONTRACT_VERSION } from '../index.js';

describe('core version', () => {
  it('exports the version recorded in its package.json', () => {
    expect(CORE_VERSION).toBe(pkg.version);
    expect(WIRE_CONTRACT_VERSION).toBe('v1');
  });
});
