import { createApiClient } from '@aura/api-client';
import { describe, expect, it } from 'vitest';
import { CredentialRefusedError, PermanentRejectionError } from '../telemetry/uploader.js';
import { HttpTelemetrySink } from './http-sink.js';

/** Status mapping only (unit: canned responses); the real API is exercised in e2e/agent-api/agent-control-plane.e2e.test.ts. */
function sinkAnswering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: Request[] = [];
  const fetch = async (input: Request) => {
    seen.push(input);
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
  const client = createApiClient({
    baseUrl: 'http://api.test',
    token: 'aura_rs_secret',
    fetch: fetch as unknown as typeof globalThis.fetch,
  });
  return { sink: new HttpTelemetrySink(client), seen };
}

const error = (code: string, message: string) => ({ error: { code, message } });

describe('HttpTelemetrySink', () => {
  it('200 → the API answer, sent as the robot', async () => {
    const { sink, seen } = sinkAnswering(200, { accepted: 0, duplicates: 0, lastSeq: 7 });
    expect(await sink.send([])).toEqual({ accepted: 0, duplicates: 0, lastSeq: 7 });
    expect(seen[0]?.url).toBe('http://api.test/v1/agent/telemetry');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer aura_rs_secret');
  });

  it('429 and 503 → Retry-After in ms', async () => {
    expect(
      await sinkAnswering(429, error('rate_limited', 'slow down'), { 'retry-after': '7' }).sink.send([]),
    ).toEqual({
      retryAfterMs: 7000,
    });
    expect(
      await sinkAnswering(503, error('unavailable', 'db'), { 'retry-after': '2' }).sink.send([]),
    ).toEqual({
      retryAfterMs: 2000,
    });
  });

  it('400 and 413 → permanent rejection naming the error; other statuses throw for a retry', async () => {
    await expect(
      sinkAnswering(400, error('validation_failed', 'records[0].writes: too many')).sink.send([]),
    ).rejects.toThrow(PermanentRejectionError);
    await expect(sinkAnswering(413, error('payload_too_large', 'too big')).sink.send([])).rejects.toThrow(
      /413 payload_too_large: too big/,
    );
    const failing = sinkAnswering(500, error('internal', 'boom')).sink.send([]);
    await expect(failing).rejects.toThrow(/telemetry refused: 500 internal: boom/);
    await expect(failing).rejects.not.toBeInstanceOf(PermanentRejectionError);
  });

  it('401 → the credential is refused (uploads stop), not a transient failure', async () => {
    const refused = sinkAnswering(401, error('unauthorized', 'robot decommissioned')).sink.send([]);
    await expect(refused).rejects.toBeInstanceOf(CredentialRefusedError);
    await expect(refused).rejects.toThrow(/401 unauthorized: robot decommissioned/);
  });
});
