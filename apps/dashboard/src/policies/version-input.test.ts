import { describe, expect, it } from 'vitest';
import { diffVersions } from './diff-versions';
import type { PolicyVersion } from './policy-types';
import { fieldErrors, toBody, validateSettings } from './version-input';

describe('policy version form', () => {
  it('turns the form into the API body, leaving empty optional fields out', () => {
    expect(toBody({ tau: '0.6', persistMode: '', notes: '' }, 'version')).toEqual({ tau: 0.6 });
    expect(validateSettings({ tau: '0.6', persistMode: 'delta-log', notes: 'x' }, 'version')).toMatchObject({
      ok: true,
      body: { tau: 0.6, persistMode: 'delta-log', notes: 'x' },
    });
  });

  it('names the field of each error, as the API would', () => {
    const bad = validateSettings({ tau: '1.5', persistMode: '', notes: '' }, 'version');
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.errors)).toEqual(['tau']);
    const empty = validateSettings({ tau: '', persistMode: '', notes: '' }, 'version');
    expect(empty.errors.tau).toBeTruthy();
    const policy = validateSettings({ name: 'Bad Name', tau: '0.5', persistMode: '', notes: '' }, 'policy');
    expect(Object.keys(policy.errors)).toEqual(['name']);
    expect(
      fieldErrors([{ path: 'tau', message: 'a' }, { path: 'tau', message: 'b' }, { message: 'c' }]),
    ).toEqual({
      tau: 'a',
      form: 'c',
    });
  });

  it('diffs two versions field by field', () => {
    const v = (tau: number, notes: string | null) =>
      ({ tau, notes, persistMode: null }) as unknown as PolicyVersion;
    const changes = diffVersions(
      { ...v(0.5, null), policyName: 'default' },
      { ...v(0.6, 'fewer writes'), policyName: 'default' },
    );
    expect(changes.filter((c) => c.changed).map((c) => [c.field, c.before, c.after])).toEqual([
      ['tau', '0.5', '0.6'],
      ['notes', '—', 'fewer writes'],
    ]);
  });
});
