import { createApiClient } from '@aura/api-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/** The generated client against the real API over HTTP. */
describe('@aura/api-client', () => {
  const { api } = ApiHarness.forSuite([]);
  let baseUrl: string;
  let operatorKey: string;

  beforeAll(async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await api.app.getUrl();
    operatorKey = await api.operatorKey('operator');
  });

  it('enrols a robot, uploads telemetry and reads its config with typed calls', async () => {
    const operator = createApiClient({ baseUrl, token: operatorKey });
    const token = await operator.POST('/v1/enrollment-tokens', { body: { name: 'client test', maxUses: 1 } });
    expect(token.response.status).toBe(201);

    const anonymous = createApiClient({ baseUrl });
    const enrolled = await anonymous.POST('/v1/agent/enroll', {
      body: { enrollmentToken: token.data!.token },
    });
    expect(enrolled.data?.robotSecret).toMatch(/^aura_rs_/);

    const robot = createApiClient({ baseUrl, token: enrolled.data!.robotSecret });
    const now = new Date();
    const upload = await robot.POST('/v1/agent/telemetry', {
      body: {
        records: [
          {
            seq: 1,
            windowStart: new Date(now.getTime() - 10_000).toISOString(),
            windowEnd: now.toISOString(),
            steps: 50,
            writes: 5,
            tau: 0.5,
            policyVersion: 'default@1',
            stateBytes: 4224,
            kvEquivalentBytes: 12_800,
            flashBytesWritten: 1024,
            wearFraction: 0,
            episodes: { completed: 1, succeeded: 1 },
            stepLatencyUs: { p50: 50, p99: 100 },
          },
        ],
      },
    });
    expect(upload.data).toEqual({ accepted: 1, duplicates: 0, lastSeq: 1 });

    const config = await robot.GET('/v1/agent/config', { params: { query: { wait: 0 } } });
    expect(config.data?.version).toBe(1);
    const unchanged = await robot.GET('/v1/agent/config', {
      params: { query: { wait: 0 } },
      headers: { 'if-none-match': config.response.headers.get('etag') ?? '' },
    });
    expect(unchanged.response.status).toBe(304);

    const invalid = await robot.POST('/v1/agent/config/ack', { body: { version: 99, status: 'applied' } });
    expect(invalid.response.status).toBe(409);
    expect(invalid.error?.error.code).toBe('conflict');
  });
});
