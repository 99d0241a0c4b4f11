import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Database } from '../src/infrastructure/database.js';
import { AuthRepository } from '../src/modules/auth/auth.repository.js';
import { EnrollmentRepository } from '../src/modules/enrollment/enrollment.repository.js';
import { FleetSummaryRepository } from '../src/modules/telemetry/fleet-summary.repository.js';
import { ApiHarness } from './support/api-harness.js';

/** A well-formed token of `kind` that matches no row (its look-up reaches PostgreSQL). */
const bogus = (kind: 'ak' | 'rs' | 'et') =>
  `aura_${kind}_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
/** A fresh documentation address per test, so counters of other tests never interfere. */
let addressCounter = 0;
const freshAddress = () => `198.51.100.${++addressCounter}`;
/** Robot-secret look-ups that reached PostgreSQL (they are batched: count the prefixes asked). */
const prefixesAsked = (spy: { mock: { calls: [readonly string[]][] } }) =>
  spy.mock.calls.reduce((sum, [prefixes]) => sum + prefixes.length, 0);

describe('unauthenticated floods: per-address throttles before PostgreSQL', () => {
  const { api, keys } = ApiHarness.forSuite(['operator'], {
    AUTH_THROTTLE_LIMIT: '5',
    AUTH_THROTTLE_WINDOW_SECONDS: '30',
    ENROLL_THROTTLE_LIMIT: '3',
    ENROLL_THROTTLE_WINDOW_SECONDS: '30',
  });

  it('stops bad robot secrets and API keys from one address after the limit, without a database look-up', async () => {
    const repository = api.app.get(AuthRepository);
    const robotLookups = vi.spyOn(repository, 'robotsBySecretPrefixes');
    const keyLookups = vi.spyOn(repository, 'apiKeyByPrefix');
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const kind = i % 2 === 0 ? 'rs' : 'ak';
      const url = kind === 'rs' ? '/v1/agent/config' : '/v1/robots';
      const response = await api.request({ method: 'GET', url, token: bogus(kind), remoteAddress: address });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(response.json().error.code).toBe('rate_limited');
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(prefixesAsked(robotLookups) + keyLookups.mock.calls.length).toBe(5);

    // Another address still gets its answer; a good key from the throttled address is not what
    // counts (only failures do), but while the address is over its budget it waits like the rest.
    const other = await api.request({
      method: 'GET',
      url: '/v1/robots',
      token: bogus('ak'),
      remoteAddress: freshAddress(),
    });
    expect(other.statusCode).toBe(401);
    robotLookups.mockRestore();
    keyLookups.mockRestore();
  });

  it('bounds a parallel burst too: at most the limit reaches PostgreSQL', async () => {
    const repository = api.app.get(AuthRepository);
    const robotLookups = vi.spyOn(repository, 'robotsBySecretPrefixes');
    const address = freshAddress();
    const responses = await Promise.all(
      Array.from({ length: 40 }, () =>
        api.request({ method: 'GET', url: '/v1/agent/config', token: bogus('rs'), remoteAddress: address }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(prefixesAsked(robotLookups)).toBe(5);
    robotLookups.mockRestore();
  });

  it('does not spend the budget on good credentials (a fleet behind one NAT address)', async () => {
    const address = freshAddress();
    const robot = await api.enrollRobot(keys.operator);
    for (let i = 0; i < 12; i++) {
      const me = await api.request({
        method: 'GET',
        url: '/v1/me',
        token: keys.operator,
        remoteAddress: address,
      });
      expect(me.statusCode).toBe(200);
    }
    const config = await api.request({
      method: 'GET',
      url: '/v1/agent/config',
      token: robot.robotSecret,
      remoteAddress: address,
    });
    expect(config.statusCode).toBe(200);
  });

  it('throttles enrolment attempts per address before the token is looked up', async () => {
    const lookups = vi.spyOn(api.app.get(EnrollmentRepository), 'tokenByPrefix');
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await api.request({
        method: 'POST',
        url: '/v1/agent/enroll',
        payload: { enrollmentToken: bogus('et'), name: 'intruder' },
        remoteAddress: address,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect(lookups.mock.calls.length).toBe(3);
    lookups.mockRestore();
    // a real enrolment from another address still works
    expect((await api.enrollRobot(keys.operator)).robotSecret).toMatch(/^aura_rs_/);
  });

  it('names the API connections statement_timeout; a query past it is a 503, not a 500', async () => {
    const short = await ApiHarness.start({ DATABASE_STATEMENT_TIMEOUT_MS: '500' });
    try {
      const db = short.app.get(Database);
      const { rows } = await db.pool.query<{ statement_timeout: string }>('SHOW statement_timeout');
      expect(rows[0]!.statement_timeout).toBe('500ms');
      // a fleet-wide aggregate that runs away (simulated by a sleep in its place)
      const summaries = short.app.get(FleetSummaryRepository);
      const spy = vi.spyOn(summaries, 'summary').mockImplementation(async () => {
        await db.pool.query('SELECT pg_sleep(3)');
        throw new Error('statement_timeout did not stop the query');
      });
      const key = await short.operatorKey('viewer');
      const started = Date.now();
      const response = await short.request({ method: 'GET', url: '/v1/fleet/summary', token: key });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('service_unavailable');
      spy.mockRestore();
    } finally {
      await short.close();
    }
  });
});

describe('slow clients are dropped (Fastify request and header timeouts)', () => {
  const { api } = ApiHarness.forSuite([], {
    HTTP_REQUEST_TIMEOUT_MS: '1500',
    HTTP_HEADERS_TIMEOUT_MS: '1000',
  });
  let port: number;

  beforeAll(async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    port = (api.app.getHttpServer().address() as net.AddressInfo).port;
  });

  /** Opens a raw socket, trickles `chunks` one every `everyMs`, resolves when the server closes it. */
  const trickle = (first: string, chunk: string, everyMs: number, giveUpMs: number) =>
    new Promise<{ closedAfterMs: number | null; received: string }>((resolve) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      let timer: NodeJS.Timeout | undefined;
      const done = (closedAfterMs: number | null) => {
        clearInterval(timer);
        clearTimeout(giveUp);
        socket.destroy();
        resolve({ closedAfterMs, received });
      };
      const giveUp = setTimeout(() => done(null), giveUpMs);
      socket.on('data', (data) => {
        received += String(data);
      });
      socket.on('close', () => done(Date.now() - started));
      socket.on('error', () => undefined);
      socket.on('connect', () => {
        socket.write(first);
        timer = setInterval(() => socket.write(chunk), everyMs);
      });
    });

  it('drops a client that sends its body a byte at a time', async () => {
    const result = await trickle(
      'POST /v1/agent/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      ' ',
      100,
      10_000,
    );
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeLessThan(4000);
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops a client that never finishes its headers', async () => {
    const result = await trickle('GET /livez HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n', 100, 10_000);
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeLessThan(4000);
  });

  it('keeps a long-poll open past the request timeout (it bounds the request, not the answer)', async () => {
    const robot = await api.enrollRobot(await api.operatorKey('operator'));
    const url = `http://127.0.0.1:${port}/v1/agent/config`;
    const headers = { authorization: `Bearer ${robot.robotSecret}` };
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    const started = Date.now();
    const polled = await fetch(`${url}?wait=3`, {
      headers: { ...headers, 'if-none-match': first.headers.get('etag')! },
    });
    expect(polled.status).toBe(304);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });
});
