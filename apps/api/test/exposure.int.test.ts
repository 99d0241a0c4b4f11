import { describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

/** What an unauthenticated caller or a viewer must not read (issue 13, "Dashboard and operations"). */
describe('exposure: metrics behind a token, emails hidden from viewers', () => {
  const { api } = ApiHarness.forSuite([], { METRICS_TOKEN });

  it('serves /metrics and /metrics/fleet only with the metrics token once one is set', async () => {
    for (const url of ['/metrics', '/metrics/fleet']) {
      const anonymous = await api.request({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(anonymous.json().error.code).toBe('unauthorized');
      expect(anonymous.body).not.toMatch(/aura_http_requests_total|aura_fleet/);
      expect((await api.request({ method: 'GET', url, token: 'wrong-token-0123456789' })).statusCode).toBe(
        401,
      );
      const scraped = await api.request({ method: 'GET', url, token: METRICS_TOKEN });
      expect(scraped.statusCode, url).toBe(200);
    }
    const scraped = await api.request({ method: 'GET', url: '/metrics', token: METRICS_TOKEN });
    expect(scraped.body).toContain('aura_http_requests_total');
  });

  it('shows operators’ emails in the audit log to admins only', async () => {
    const admin = await api.operatorKey('admin');
    const email = `${uniqueName('ada')}@example.com`;
    const created = await api.request({
      method: 'POST',
      url: '/v1/operators',
      token: admin,
      payload: { name: uniqueName('Ada'), email, role: 'viewer' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = (token: string) =>
      api.request({ method: 'GET', url: '/v1/audit?action=operator.create&limit=200', token });
    const asAdmin = await read(admin);
    expect(asAdmin.body).toContain(email);
    for (const role of ['viewer', 'operator'] as const) {
      const response = await read(await api.operatorKey(role));
      expect(response.statusCode).toBe(200);
      expect(response.body, role).not.toContain(email);
      expect(response.body).not.toMatch(/@example\.com/);
      const event = (response.json().items as { targetId: string; after: { email: string } }[]).find(
        (item) => item.targetId === created.json().id || item.targetId === created.json().operator?.id,
      );
      expect(event?.after.email).toBe('[hidden]');
    }
  });
});
