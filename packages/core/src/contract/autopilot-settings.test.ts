import { describe, expect, it } from 'vitest';
import { AutopilotSettingsSchema, DEFAULT_LIFE_TARGET_DAYS } from './autopilot-settings.js';

const issues = (input: unknown) => {
  const r = AutopilotSettingsSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('AutopilotSettingsSchema', () => {
  it('fills defaults: off, 5-year target, the whole τ range, snapshot and delta-log', () => {
    const s = AutopilotSettingsSchema.parse({});
    expect(s.enabled).toBe(false);
    expect(s.lifeTargetDays).toBe(DEFAULT_LIFE_TARGET_DAYS);
    expect(s.guardRails).toEqual({
      tauMin: 0.05,
      tauMax: 0.95,
      maxTauChange: 0.1,
      maxSuccessDrop: 0.05,
      persistModes: ['snapshot', 'delta-log'],
    });
  });

  it('refuses a life of 0 or less, or above 50 years, naming the field', () => {
    expect(issues({ lifeTargetDays: 0 })).toEqual(['lifeTargetDays: must be more than 0 days']);
    expect(issues({ lifeTargetDays: -5 })[0]).toMatch(/^lifeTargetDays:/);
    expect(issues({ lifeTargetDays: 18_263 })).toEqual([
      'lifeTargetDays: must be at most 18262 days (50 years)',
    ]);
    expect(
      issues({ groupTargets: [{ groupId: '00000000-0000-4000-8000-000000000001', lifeTargetDays: 0 }] }),
    ).toEqual(['groupTargets.0.lifeTargetDays: must be more than 0 days']);
  });

  it('refuses an empty τ range naming tauMax, and other bad guard rails', () => {
    expect(issues({ guardRails: { tauMin: 0.7, tauMax: 0.6 } })).toEqual([
      'guardRails.tauMax: the τ range is empty: must be ≥ tauMin (0.7)',
    ]);
    expect(issues({ guardRails: { persistModes: [] } })).toEqual([
      'guardRails.persistModes: must allow at least one persistence mode',
    ]);
    expect(issues({ guardRails: { maxTauChange: 0 } })).toEqual([
      'guardRails.maxTauChange: must be more than 0',
    ]);
    expect(issues({ surprise: 1 })[0]).toMatch(/Unrecognized key/);
  });
});
