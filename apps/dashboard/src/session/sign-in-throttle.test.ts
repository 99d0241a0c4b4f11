import { describe, expect, it } from 'vitest';
import { clientAddress, SignInThrottle } from './sign-in-throttle';

describe('SignInThrottle', () => {
  it('refuses a client after its failures, for the rest of the minute, and not other clients', () => {
    let now = 1_000_000;
    const throttle = new SignInThrottle(3, () => now);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter('10.0.0.1')).toBe(0);
      throttle.recordFailure('10.0.0.1');
    }
    expect(throttle.retryAfter('10.0.0.1')).toBe(60);
    expect(throttle.retryAfter('10.0.0.2')).toBe(0);
    now += 30_000;
    expect(throttle.retryAfter('10.0.0.1')).toBe(30);
    now += 30_000;
    expect(throttle.retryAfter('10.0.0.1')).toBe(0);
  });

  it('caps everyone together at ten clients worth (a forged x-forwarded-for does not help)', () => {
    const throttle = new SignInThrottle(2, () => 0);
    for (let i = 0; i < 20; i++) throttle.recordFailure(`forged-${i}`);
    expect(throttle.retryAfter('fresh')).toBe(60);
  });

  it('is off at 0', () => {
    const throttle = new SignInThrottle(0);
    for (let i = 0; i < 100; i++) throttle.recordFailure('a');
    expect(throttle.retryAfter('a')).toBe(0);
  });

  it('counts the nearest proxy hop', () => {
    expect(clientAddress('1.2.3.4, 10.0.0.9')).toBe('10.0.0.9');
    expect(clientAddress(null)).toBe('direct');
    expect(clientAddress(' ')).toBe('direct');
  });
});
