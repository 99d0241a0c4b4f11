import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/app-config.js';
import { AgentConfigController } from './agent-config.controller.js';
import type { DesiredConfigService } from './desired-config.service.js';

/** The long-poll's wait as the service is asked for it, given how long the request already took. */
async function waitAsked(wait: number, elapsedMs: number, maxSeconds = 30) {
  let asked: number | undefined;
  const service = {
    awaitChange: async (_robot: string, _known: unknown, waitMs: number) => {
      asked = waitMs;
      return undefined;
    },
  } as unknown as DesiredConfigService;
  const controller = new AgentConfigController(service, {
    configLongPollMaxSeconds: maxSeconds,
  } as AppConfig);
  const request = { headers: { 'if-none-match': '"v3"' }, raw: { once: () => undefined } };
  const reply = { elapsedTime: elapsedMs, header: () => reply, status: () => reply };
  await controller.get(
    { kind: 'robot', robotId: 'r' },
    { wait },
    request as unknown as FastifyRequest,
    reply as unknown as FastifyReply,
  );
  return asked;
}

describe('AgentConfigController long-poll wait', () => {
  it('counts the wait from the request’s arrival: time spent before the handler comes off it', async () => {
    expect(await waitAsked(30, 2)).toBe(29_998);
    expect(await waitAsked(30, 12_000.4)).toBe(17_999);
    expect(await waitAsked(30, 31_000)).toBe(0); // answered at once (304), never past the wait
    expect(await waitAsked(60, 0, 30)).toBe(30_000); // capped by CONFIG_LONG_POLL_MAX_SECONDS
    expect(await waitAsked(0, 5)).toBe(0);
  });
});
