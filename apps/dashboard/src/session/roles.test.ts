import { describe, expect, it } from 'vitest';
import { hasRole } from './roles';

describe('hasRole', () => {
  it('orders viewer < operator < admin', () => {
    expect(hasRole('viewer', 'operator')).toBe(false);
    expect(hasRole('operator', 'operator')).toBe(true);
    expect(hasRole('admin', 'operator')).toBe(true);
    expect(hasRole('operator', 'admin')).toBe(false);
    expect(hasRole('viewer', 'viewer')).toBe(true);
  });
});
