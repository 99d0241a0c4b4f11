import { describe, expect, it } from 'vitest';
import { hasRole, OPERATOR_ROLES } from './operator-roles.js';

describe('operator roles', () => {
  it('orders viewer < operator < admin', () => {
    expect(OPERATOR_ROLES).toEqual(['viewer', 'operator', 'admin']);
    expect(hasRole('viewer', 'operator')).toBe(false);
    expect(hasRole('operator', 'operator')).toBe(true);
    expect(hasRole('admin', 'operator')).toBe(true);
    expect(hasRole('operator', 'admin')).toBe(false);
    expect(hasRole('viewer', 'viewer')).toBe(true);
  });
});
