import { describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

describe('per-robot rate limit on agent endpoints', () => {
  const { api, keys } = ApiHarness.forSuite(['operator'], {
    AGENT_RATE_LIMIT: '5',
    AGENT_RATE_LIMIT_WINDOW_SECONDS: '30',
  });

  it('answers 429 with Retry-After past the limit, per robot', async () => {
    const noisy = await api.enrollRobot(keys.operator);
    const quiet = await api.enrollRobot(keys.operator);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<ApiHarness['request']>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await api.request({ method: 'GET', url: '/v1/agent/config', token: noisy.robotSecret });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(last!.json().error.code).toBe('rate_limited');
    // Another robot has its own budget; operators are not limited by it.
    expect(
      (await api.request({ method: 'GET', url: '/v1/agent/config', token: quiet.robotSecret })).statusCode,
    ).toBe(200);
    expect((await api.request({ method: 'GET', url: '/v1/me', token: keys.operator })).statusCode).toBe(200);
  });
});
