import { randomBytes } from 'node:crypto';
import { type ApiTransport, enrollRobot } from '@aura/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthRepository } from '../src/modules/auth/auth.repository.js';
import { ApiHarness } from './support/api-harness.js';

/**
 * A fleet's first contact (issue 15): many robots, none in the auth cache yet, call at once from one
 * address (a site behind NAT). Their secret look-ups share batched queries; each still gets its own
 * principal; a bad secret among them gets its 401 and a decommissioned robot is refused; and good
 * robots in flight together do not use up the per-address sign-in budget (no 429 for them).
 */
describe('robot first contact: concurrent secret look-ups, coalesced', () => {
  const FLEET = 30;
  // A small sign-in budget, so that the fleet in flight is six times the limit.
  const { api, keys } = ApiHarness.forSuite(['operator'], {
    AUTH_THROTTLE_LIMIT: '5',
    AUTH_THROTTLE_WINDOW_SECONDS: '60',
  });
  let robots: { robotId: string; robotSecret: string }[];
  // The set-up's calls come from an address of this file's own: the run's files share one Redis, and
  // files run in the minute before fail sign-ins from the default one (127.0.0.1) — enough, against this
  // budget of 5, for the first enrolment to get 429 (a full api-integration run, 2026-12-02).
  const setup: ApiTransport = {
    request: (options) => api.request({ ...options, remoteAddress: '203.0.113.51' }),
  };

  beforeAll(async () => {
    robots = [];
    for (let i = 0; i < FLEET + 1; i++) robots.push(await enrollRobot(setup, keys.operator));
  }, 120_000);

  it('gives every robot its own principal, refuses the bad and the decommissioned secret, and batches', async () => {
    const decommissioned = robots[FLEET]!;
    const done = await setup.request({
      method: 'POST',
      url: `/v1/robots/${decommissioned.robotId}/decommission`,
      token: keys.operator,
      payload: { reason: 'scrapped' },
    });
    expect(done.statusCode).toBe(200);
    const bad = `aura_rs_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    // a real robot's prefix with a wrong secret: the row is found, the hash does not match
    const forged = robots[0]!.robotSecret.replace(/_[^_]+$/, `_${randomBytes(32).toString('base64url')}`);

    const repository = api.app.get(AuthRepository);
    const batches = vi.spyOn(repository, 'robotsBySecretPrefixes');
    const address = '203.0.113.50';
    const secrets = [...robots.map((r) => r.robotSecret), bad, forged];
    const responses = await Promise.all(
      secrets.map((token) =>
        api.request({ method: 'GET', url: '/v1/agent/config', token, remoteAddress: address }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    // every good robot: 200 with a config addressed to itself, not another robot's
    for (let i = 0; i < FLEET; i++) {
      expect(statuses[i], `robot ${i}`).toBe(200);
      expect(responses[i]!.json().robotId).toBe(robots[i]!.robotId);
    }
    expect(statuses[FLEET]).toBe(401);
    expect(responses[FLEET]!.json().error.message).toMatch(/decommissioned/);
    expect(statuses[FLEET + 1]).toBe(401);
    expect(responses[FLEET + 1]!.json().error.code).toBe('unauthorized');
    expect(statuses[FLEET + 2]).toBe(401);
    // every secret was looked up once, in fewer queries than look-ups
    const asked = batches.mock.calls.flatMap(([prefixes]) => prefixes);
    const prefixOf = (token: string) => token.split('_').slice(1, 3).join('_');
    expect(new Set(asked)).toEqual(new Set(secrets.map(prefixOf)));
    expect(asked.length).toBeLessThanOrEqual(secrets.length);
    expect(batches.mock.calls.length).toBeLessThan(secrets.length / 2);
    batches.mockRestore();

    // verified secrets are now cached: a second round touches no look-up at all
    const again = vi.spyOn(repository, 'robotsBySecretPrefixes');
    const second = await Promise.all(
      robots.slice(0, FLEET).map((r) =>
        api.request({
          method: 'GET',
          url: '/v1/agent/config',
          token: r.robotSecret,
          remoteAddress: address,
        }),
      ),
    );
    expect(second.map((r) => r.statusCode)).toEqual(Array(FLEET).fill(200));
    expect(again).not.toHaveBeenCalled();
    again.mockRestore();
  });
});
