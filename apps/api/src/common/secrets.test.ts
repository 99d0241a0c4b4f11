import { describe, expect, it } from 'vitest';
import { hashToken, issueSecret, tokenMatches, tokenPrefix } from './secrets.js';

describe('bearer secrets', () => {
  it('issues unique tokens whose prefix finds them and whose hash verifies them', () => {
    const a = issueSecret('ak');
    const b = issueSecret('ak');
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^aura_ak_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(tokenPrefix(a.token, 'ak')).toBe(a.prefix);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(-43));
    expect(tokenMatches(a.token, a.hash)).toBe(true);
    expect(tokenMatches(b.token, a.hash)).toBe(false);
  });

  it('refuses tokens of another kind or shape', () => {
    const robot = issueSecret('rs');
    expect(tokenPrefix(robot.token, 'ak')).toBeUndefined();
    expect(tokenPrefix('aura_ak_short_x', 'ak')).toBeUndefined();
    expect(tokenPrefix('', 'ak')).toBeUndefined();
  });
});
