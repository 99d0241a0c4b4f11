import { describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/**
 * A fleet enrolling at once with one token (issue 13, `pnpm chaos`: robots enrolling under load got
 * 503s): every enrolment succeeds, the token's use limit still holds exactly.
 */
describe('enrolment under load', () => {
  // the default pool of 10 connections, as each API process of the chaos run has
  const { api, keys } = ApiHarness.forSuite(['operator'], { ENROLL_THROTTLE_LIMIT: '1000' });

  it('60 robots enrolling at once with one 50-use token: 50 enrolled, 10 refused, no 5xx', async () => {
    const created = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: keys.operator,
      payload: { name: 'fleet at once', maxUses: 50 },
    });
    const token = created.json().token as string;
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        api.request({
          method: 'POST',
          url: '/v1/agent/enroll',
          payload: { enrollmentToken: token, name: `load-${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    const count = (status: number) => statuses.filter((s) => s === status).length;
    console.log(`60 enrolments in ${Date.now() - started} ms: ${count(201)} × 201, ${count(401)} × 401`);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(count(201)).toBe(50);
    expect(count(401)).toBe(10);
    const row = await api.prisma.enrollmentToken.findFirstOrThrow({ where: { name: 'fleet at once' } });
    expect(row.uses).toBe(50);
  }, 120_000);
});
