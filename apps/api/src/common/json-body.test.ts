import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { bodyMayHoldNul, jsonBodyParser } from './json-body.js';

describe('jsonBodyParser', () => {
  const parse = jsonBodyParser((_request, body, done) => done(null, JSON.parse(body)));
  const run = (text: string) => {
    const request = {} as FastifyRequest;
    let parsed: unknown;
    parse(request, Buffer.from(text, 'utf8'), (error, body) => {
      if (error) throw error;
      parsed = body;
    });
    return { request, parsed };
  };

  it('hands the body text to the parser it wraps', () => {
    expect(run('{"records":[{"source":"é \\" ok"}]}').parsed).toEqual({ records: [{ source: 'é " ok' }] });
  });

  it('marks a body without the escape \\u0000 as free of NUL', () => {
    expect(bodyMayHoldNul(run('{"a":"b","c":["\\u0001","\\\\u000"]}').request)).toBe(false);
  });

  it('leaves a body with the escape (a NUL, or a backslash before u0000) to the walk', () => {
    const nul = run('{"a":"x\\u0000"}');
    expect(nul.parsed).toEqual({ a: 'x\u0000' });
    expect(bodyMayHoldNul(nul.request)).toBe(true);
    expect(bodyMayHoldNul(run('{"\\u0000":1}').request)).toBe(true);
    expect(bodyMayHoldNul(run('{"a":"\\\\u0000"}').request)).toBe(true);
  });

  it('says "may hold" for a request it never parsed', () => {
    expect(bodyMayHoldNul({} as FastifyRequest)).toBe(true);
  });
});
