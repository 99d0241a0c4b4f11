import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput, ROLE_REFUSED, readRefusal, refusalMessage, refused } from './refusal';

const envelope = {
  error: {
    code: 'validation_failed',
    message: 'The request is not valid',
    details: [
      { path: 'tags[0]', message: 'too long' },
      { path: 'tags[0]', message: 'second word on the same field' },
      { path: '(body)', message: 'the body as a whole' },
      { message: 'no path at all' },
      { path: 'maxUses', message: 'must be at least 1' },
    ],
  },
};

describe('readRefusal', () => {
  it('reads the message and the details that name a field', () => {
    expect(readRefusal(envelope, 'fallback')).toEqual({
      message: 'The request is not valid',
      details: [
        { path: 'tags[0]', message: 'too long' },
        { path: 'tags[0]', message: 'second word on the same field' },
        { path: 'maxUses', message: 'must be at least 1' },
      ],
    });
  });

  it('falls back when the body is no envelope (a proxy page, nothing)', () => {
    expect(readRefusal(undefined, 'fallback')).toEqual({ message: 'fallback', details: [] });
    expect(readRefusal('<html>bad gateway</html>', 'fallback')).toEqual({ message: 'fallback', details: [] });
    expect(refusalMessage({ error: {} }, 'fallback')).toBe('fallback');
  });
});

describe('refused', () => {
  it('answers a 403 in words about roles, whatever the API said', () => {
    expect(refused(403, envelope, 'fallback')).toEqual({ error: ROLE_REFUSED });
  });

  it('keeps the first message per field', () => {
    expect(refused(400, envelope, 'fallback')).toEqual({
      error: 'The request is not valid',
      fieldErrors: { 'tags[0]': 'too long', maxUses: 'must be at least 1' },
    });
  });
});

describe('parseInput', () => {
  const Schema = z.strictObject({ name: z.string().min(1), tags: z.array(z.string().max(3)) });

  it('passes what the schema accepts', () => {
    expect(parseInput(Schema, { name: 'a', tags: ['b'] })).toEqual({ data: { name: 'a', tags: ['b'] } });
  });

  it('refuses with field errors by the API path', () => {
    const result = parseInput(Schema, { name: '', tags: ['long'] }, 'Some settings are not valid');
    expect('refused' in result && result.refused.error).toBe('Some settings are not valid');
    expect('refused' in result && Object.keys(result.refused.fieldErrors ?? {})).toEqual(['name', 'tags[0]']);
  });
});
