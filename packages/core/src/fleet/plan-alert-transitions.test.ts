import { describe, expect, it } from 'vitest';
import {
  type AlertSignal,
  isSilenced,
  planAlertNotifications,
  planAlertTransitions,
} from './plan-alert-transitions.js';

const signal = (subjectId: string, state: 'breach' | 'hold', value = 1): AlertSignal => ({
  subjectType: 'robot',
  subjectId,
  subjectName: subjectId,
  value,
  state,
  summary: `${subjectId} ${state}`,
});

describe('planAlertTransitions', () => {
  it('fires on a breach, holds in the band and resolves only when clear (no flapping)', () => {
    // A value hovering at the threshold: breach, band, breach, band… then clear.
    const sequence: ('breach' | 'hold' | 'clear')[] = ['hold', 'breach', 'hold', 'breach', 'hold', 'clear'];
    let open: { id: string; subjectId: string; notifiedAt: Date | null }[] = [];
    const fired: number[] = [];
    const resolved: number[] = [];
    sequence.forEach((state, step) => {
      const plan = planAlertTransitions(open, state === 'clear' ? [] : [signal('r1', state)]);
      if (plan.fire.length) fired.push(step);
      if (plan.resolve.length) resolved.push(step);
      open = [
        ...plan.keep.map((k) => k.alert),
        ...plan.fire.map((s) => ({ id: `a${step}`, subjectId: s.subjectId, notifiedAt: null })),
      ];
    });
    expect(fired).toEqual([1]); // the first hold (never breached) stays quiet
    expect(resolved).toEqual([5]);
  });

  it('keeps open alerts whose subject still breaches and fires only subjects without one', () => {
    const open = [{ id: 'a1', subjectId: 'r1', notifiedAt: new Date() }];
    const plan = planAlertTransitions(open, [signal('r1', 'breach', 5), signal('r2', 'breach')]);
    expect(plan.fire.map((s) => s.subjectId)).toEqual(['r2']);
    expect(plan.keep).toEqual([{ alert: open[0], signal: signal('r1', 'breach', 5) }]);
    expect(plan.resolve).toEqual([]);
  });
});

describe('planAlertNotifications', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const minutes = (n: number) => new Date(now.getTime() - n * 60_000);

  it('groups every newly firing alert into one firing notification', () => {
    const firing = Array.from({ length: 200 }, (_, i) => ({
      id: `a${i}`,
      notifiedAt: null,
      silenced: false,
    }));
    const plan = planAlertNotifications({
      firing,
      resolved: [],
      lastNotifiedAt: null,
      repeatIntervalMs: 3_600_000,
      now,
    });
    expect(plan.firing?.type).toBe('firing');
    expect(plan.firing?.alertIds).toHaveLength(200);
    expect(plan.firing?.newAlertIds).toHaveLength(200);
  });

  it('repeats only after the repeat interval, and never for silenced alerts', () => {
    const firing = [
      { id: 'a', notifiedAt: minutes(30), silenced: false },
      { id: 'b', notifiedAt: null, silenced: true },
    ];
    const base = { firing, resolved: [], repeatIntervalMs: 60 * 60_000, now };
    expect(planAlertNotifications({ ...base, lastNotifiedAt: minutes(30) }).firing).toBeNull();
    expect(planAlertNotifications({ ...base, lastNotifiedAt: minutes(61) }).firing).toEqual({
      type: 'repeat',
      alertIds: ['a'],
      newAlertIds: [],
    });
  });

  it('sends a resolve only for alerts whose firing was notified', () => {
    const resolved = [
      { id: 'told', notifiedAt: minutes(5), silenced: false },
      { id: 'never-told', notifiedAt: null, silenced: false },
      { id: 'muted', notifiedAt: minutes(5), silenced: true },
    ];
    const plan = planAlertNotifications({
      firing: [],
      resolved,
      lastNotifiedAt: null,
      repeatIntervalMs: 1,
      now,
    });
    expect(plan.resolvedAlertIds).toEqual(['told']);
    expect(plan.firing).toBeNull();
  });
});

describe('isSilenced', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const active = {
    startsAt: new Date('2026-12-01T09:00:00Z'),
    endsAt: new Date('2026-12-01T11:00:00Z'),
    expiredAt: null,
  };

  it('matches by rule and subject while active; expired or ended silences do not', () => {
    expect(isSilenced([{ ...active, ruleId: 'r', subjectId: null }], 'r', 's', now)).toBe(true);
    expect(isSilenced([{ ...active, ruleId: 'other', subjectId: null }], 'r', 's', now)).toBe(false);
    expect(isSilenced([{ ...active, ruleId: null, subjectId: 's' }], 'r', 's', now)).toBe(true);
    expect(isSilenced([{ ...active, ruleId: null, subjectId: 'x' }], 'r', 's', now)).toBe(false);
    expect(isSilenced([{ ...active, ruleId: 'r', subjectId: null, expiredAt: now }], 'r', 's', now)).toBe(
      false,
    );
    expect(isSilenced([{ ...active, ruleId: 'r', subjectId: null, endsAt: now }], 'r', 's', now)).toBe(false);
  });
});
