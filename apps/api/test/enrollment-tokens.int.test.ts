import { createRunResources, type RunResources } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSecret } from '../src/common/secrets.js';
import { ApiHarness } from './support/api-harness.js';

/**
 * Enrolment tokens past the old 500-row cut-off, and the deployment's limits on them
 * (ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS, ENROLLMENT_TOKEN_MAX_USES). A database of its own: the
 * totals and pages are exact.
 */
describe('enrolment tokens: paging and limits', () => {
  let resources: RunResources;
  let api: ApiHarness;
  let operator: string;

  beforeAll(async () => {
    resources = await createRunResources('aura_tokens');
    api = await ApiHarness.start({
      DATABASE_URL: resources.databaseUrl,
      REDIS_PREFIX: resources.redisPrefix,
      ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS: '48',
      ENROLLMENT_TOKEN_MAX_USES: '10',
    });
    operator = await api.operatorKey('operator');
  });
  afterAll(async () => {
    await api?.close();
    await resources?.remove();
  });

  it('pages through 520 tokens newest first: every one reachable once, the total counted', async () => {
    const now = Date.now();
    const data = Array.from({ length: 520 }, (_, i) => {
      const secret = issueSecret('et');
      return {
        name: `batch-${String(i).padStart(3, '0')}`,
        prefix: secret.prefix,
        secretHash: secret.hash,
        maxUses: 1,
        // a few share a creation time: ties are ordered by id, so no page repeats or skips one
        createdAt: new Date(now - Math.floor(i / 3) * 1000),
        expiresAt: new Date(now + 3_600_000),
      };
    });
    await api.prisma.enrollmentToken.createMany({ data });

    const seen: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await api.request({
        method: 'GET',
        url: `/v1/enrollment-tokens?limit=200&offset=${offset}`,
        token: operator,
      });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body).toMatchObject({ total: 520, limit: 200, offset });
      seen.push(...body.items.map((t: { name: string }) => t.name));
      if (body.items.length < 200) break;
    }
    expect(seen).toHaveLength(520);
    expect(new Set(seen).size).toBe(520);
    expect(seen.slice(0, 3).sort()).toEqual(['batch-000', 'batch-001', 'batch-002']); // one second, by id
    expect(seen.at(-1)).toBe('batch-519'); // the oldest

    const first = await api.request({ method: 'GET', url: '/v1/enrollment-tokens', token: operator });
    expect(first.json()).toMatchObject({ total: 520, limit: 50, offset: 0 });
    expect(first.json().items).toHaveLength(50);
    const bad = await api.request({
      method: 'GET',
      url: '/v1/enrollment-tokens?limit=0&offset=-1',
      token: operator,
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'limit',
      'offset',
    ]);
    expect(
      (await api.request({ method: 'GET', url: '/v1/enrollment-tokens?limit=201', token: operator }))
        .statusCode,
    ).toBe(400);
  });

  it('refuses a lifetime or a use count over the configured maximum with a 400 naming the field', async () => {
    const create = (payload: Record<string, unknown>) =>
      api.request({ method: 'POST', url: '/v1/enrollment-tokens', token: operator, payload });
    const both = await create({ name: 'too much', expiresInHours: 49, maxUses: 11 });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.code).toBe('validation_failed');
    expect(both.json().error.details).toEqual([
      { path: 'expiresInHours', message: 'must be at most 48 (ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS)' },
      { path: 'maxUses', message: 'must be at most 10 (ENROLLMENT_TOKEN_MAX_USES)' },
    ]);
    const before = await api.prisma.enrollmentToken.count();
    expect((await create({ name: 'long', expiresInHours: 100 })).json().error.details[0].path).toBe(
      'expiresInHours',
    );
    expect(await api.prisma.enrollmentToken.count()).toBe(before);
    // at the maximum: accepted
    const atMax = await create({ name: 'at max', expiresInHours: 48, maxUses: 10 });
    expect(atMax.statusCode).toBe(201);
    expect(atMax.json()).toMatchObject({ maxUses: 10 });
    const hours = (Date.parse(atMax.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThanOrEqual(48);
  });

  it('pages by cursor while tokens are created: every token that existed once, none twice', async () => {
    const existing = (await api.prisma.enrollmentToken.findMany({ select: { id: true } })).map((t) => t.id);
    expect(existing.length).toBeGreaterThan(500);
    const create = async (name: string) => {
      const created = await api.request({
        method: 'POST',
        url: '/v1/enrollment-tokens',
        token: operator,
        payload: { name },
      });
      expect(created.statusCode).toBe(201);
    };
    const list = async (query: string) => {
      const page = await api.request({
        method: 'GET',
        url: `/v1/enrollment-tokens?${query}`,
        token: operator,
      });
      expect(page.statusCode).toBe(200);
      return page.json() as { total: number; offset: number; items: { id: string }[]; nextCursor?: string };
    };

    const byCursor: string[] = [];
    const byOffset: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(`limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.offset).toBe(0);
      expect(page.total).toBe(existing.length + pages * 2); // the total stays exact
      byCursor.push(...page.items.map((t) => t.id));
      // the same walk by offset, for contrast: the tokens created below shift its pages
      byOffset.push(...(await list(`limit=100&offset=${pages * 100}`)).items.map((t) => t.id));
      cursor = page.nextCursor;
      pages++;
      await create(`during-${pages}-a`);
      await create(`during-${pages}-b`);
    } while (cursor);
    expect(pages).toBeGreaterThan(5);
    expect(new Set(byCursor).size).toBe(byCursor.length); // no token twice
    expect(byCursor.sort()).toEqual([...existing].sort()); // none skipped (the new ones are newer)
    expect(new Set(byOffset).size).toBeLessThan(byOffset.length); // offset paging repeats tokens

    const refused = await api.request({
      method: 'GET',
      url: '/v1/enrollment-tokens?cursor=bm90LWEtY3Vyc29y',
      token: operator,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe('cursor');
    const first = await list('limit=1');
    const both = await api.request({
      method: 'GET',
      url: `/v1/enrollment-tokens?limit=1&offset=1&cursor=${first.nextCursor}`,
      token: operator,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0].path).toBe('offset');
  });
});
