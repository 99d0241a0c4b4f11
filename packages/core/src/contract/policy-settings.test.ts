import { describe, expect, it } from 'vitest';
import { CreatePolicySchema, describeIssues, PolicyVersionInputSchema } from '../schemas.js';

describe('policy settings', () => {
  it('accepts τ in [0, 1] with optional persist mode and notes', () => {
    expect(PolicyVersionInputSchema.parse({ tau: 0.35, persistMode: 'snapshot', notes: 'x' })).toEqual({
      tau: 0.35,
      persistMode: 'snapshot',
      notes: 'x',
    });
  });

  it('names each bad field', () => {
    const result = CreatePolicySchema.safeParse({ name: 'Bad!', tau: 1.5, persistMode: 'often', x: 1 });
    expect(result.success).toBe(false);
    const issues = describeIssues(result.error!);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'tau', message: 'must be between 0 and 1' },
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: 'persistMode' }),
        { path: '(body)', message: 'unknown field(s): x' },
      ]),
    );
  });
});
