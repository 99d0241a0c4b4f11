import { TcpProxy } from '@aura/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/**
 * PostgreSQL cut mid-traffic (issue 13, `pnpm chaos`): every request that needs the database answers
 * 503 with Retry-After — never a 500 — whether its connection was dropped under it or a new one is
 * refused, and everything works again once the database is back.
 */
describe('a database outage answers 503 with Retry-After, never 500', () => {
  const target = new URL(
    process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  );
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  let api: ApiHarness;
  let direct: ApiHarness;
  let operator: string;
  let robot: { robotId: string; robotSecret: string };
  let enrollmentToken: string;

  beforeAll(async () => {
    direct = await ApiHarness.start();
    await proxy.start();
    const url = new URL(direct.config.database.url);
    url.host = `127.0.0.1:${proxy.port}`;
    api = await ApiHarness.start({ DATABASE_URL: url.toString(), AGENT_RATE_LIMIT: '0' });
    operator = await direct.operatorKey('operator');
    robot = await api.enrollRobot(operator);
    const token = await api.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: operator,
      payload: { name: 'outage', maxUses: 10 },
    });
    enrollmentToken = token.json().token;
  }, 60_000);

  afterAll(async () => {
    await proxy.start(proxy.port).catch(() => undefined);
    await api?.close();
    await direct?.close();
    await proxy.stop();
  });

  const calls = () => [
    api.request({ method: 'GET', url: '/v1/robots', token: operator }),
    api.request({ method: 'GET', url: '/v1/fleet/default-policy', token: operator }),
    api.request({ method: 'GET', url: '/v1/agent/config', token: robot.robotSecret }),
    api.request({
      method: 'POST',
      url: '/v1/agent/telemetry',
      token: robot.robotSecret,
      payload: { records: [] },
    }),
    api.request({ method: 'POST', url: '/v1/agent/enroll', payload: { enrollmentToken } }),
    api.request({ method: 'GET', url: '/v1/rollouts', token: operator }),
  ];

  it('while the connections are dropped under running requests and while new ones are refused', async () => {
    // a burst in flight when the database goes away, then requests while it is away
    const inFlight = calls();
    await proxy.stop();
    const responses = [...(await Promise.all(inFlight)), ...(await Promise.all(calls()))];
    const errors = responses.filter((r) => r.statusCode >= 500);
    expect(errors.length).toBeGreaterThan(0);
    for (const response of errors) {
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.json().error.code).toBe('service_unavailable');
    }
    await proxy.start(proxy.port);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const again = await api.request({ method: 'GET', url: '/v1/robots', token: operator });
      if (again.statusCode === 200) break;
      expect(again.statusCode).toBe(503);
      if (Date.now() > deadline) throw new Error('the API did not recover');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 60_000);

  it('a connection checked out between statements when the database goes away: the holder gets the error, the process lives on', async () => {
    // pg emits `error` on a client whose connection ends; the pool listens only while the client is
    // idle, so before every client had its own listener this was an unhandled 'error' event: the
    // worker died whenever a failover caught a transaction or a snapshot refresh between statements.
    if (!proxy.up) await proxy.start(proxy.port);
    const ended = api.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await proxy.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.$queryRaw`SELECT 2`;
    });
    await expect(ended).rejects.toThrow();
    const client = await (async () => {
      await proxy.start(proxy.port);
      return api.prisma.pool.connect();
    })();
    const lost = new Promise((resolve) => client.once('end', resolve));
    await proxy.stop();
    await lost;
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release();
    await proxy.start(proxy.port);
    const { rows } = await api.prisma.pool.query<{ ok: number }>('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
  }, 60_000);
});
