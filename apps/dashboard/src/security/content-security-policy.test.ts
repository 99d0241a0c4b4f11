import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './content-security-policy';

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce only and forbids framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123' });
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives['script-src']).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['form-action']).toBe("'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('sets HSTS only when served over HTTPS; eval only in development', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: true })).toContain("'unsafe-eval'");
    expect(securityHeaders(true)['strict-transport-security']).toBeDefined();
    expect(securityHeaders(false)['strict-transport-security']).toBeUndefined();
    expect(securityHeaders(false)['x-frame-options']).toBe('DENY');
  });
});
