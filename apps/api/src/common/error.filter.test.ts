import type { ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { ErrorFilter } from './error.filter.js';

/** Runs the filter on `error` and returns what it answered. */
function answer(error: unknown) {
  const sent: { status?: number; body?: { error: { code: string; message: string } }; headers?: object } = {};
  const reply = {
    headers(h: object) {
      sent.headers = h;
      return reply;
    },
    status(s: number) {
      sent.status = s;
      return reply;
    },
    send(b: typeof sent.body) {
      sent.body = b;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'r1', url: '/x' }) }),
  } as unknown as ArgumentsHost;
  const logger = { error: vi.fn(), info: vi.fn() } as unknown as Logger;
  new ErrorFilter(logger).catch(error, host);
  return sent;
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('ErrorFilter', () => {
  it('answers a deadlock or serialization failure with 503 and a short Retry-After', () => {
    for (const error of [
      pgError('40P01', 'deadlock detected'),
      pgError('40001', 'could not serialize access due to concurrent update'),
      // as Prisma reports it through the pg driver adapter
      Object.assign(new Error('Invalid invocation: deadlock detected'), {
        code: 'P2010',
        meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '40P01' } } },
      }),
    ]) {
      const sent = answer(error);
      expect(sent.status, (error as Error).message).toBe(503);
      expect(sent.headers).toEqual({ 'retry-after': '1' });
      expect(sent.body?.error.code).toBe('service_unavailable');
    }
  });

  it('answers PostgreSQL being unreachable with 503 and an unknown error with a bare 500', () => {
    expect(answer(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')).status).toBe(503);
    const sent = answer(new Error('column "secret" does not exist'));
    expect(sent.status).toBe(500);
    expect(sent.body?.error).toEqual({ code: 'internal_error', message: 'Internal server error' });
  });
});
