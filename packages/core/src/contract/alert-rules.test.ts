import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AlertChannelInputSchema,
  AlertRuleInputSchema,
  AlertSilenceInputSchema,
  describeIssues,
} from '../schemas.js';

const paths = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : describeIssues(result.error).map((d) => d.path);

describe('alert rule input', () => {
  it('fills defaults per kind', () => {
    const rule = AlertRuleInputSchema.parse({
      name: 'flash',
      kind: 'flash_life_below',
      params: { thresholdDays: 365 },
    });
    expect(rule).toMatchObject({
      scope: { type: 'fleet' },
      severity: 'warning',
      repeatIntervalMinutes: 240,
      params: {
        thresholdDays: 365,
        mode: 'per_robot',
        minRobots: 1,
        windowMinutes: 60,
        hysteresisPercent: 10,
      },
    });
  });

  it('names the field: unknown kind (metric), negative threshold, unknown parameter, bad scope', () => {
    expect(paths(AlertRuleInputSchema.safeParse({ name: 'x', kind: 'cpu_temperature' }))).toEqual(['kind']);
    expect(
      paths(
        AlertRuleInputSchema.safeParse({
          name: 'x',
          kind: 'flash_life_below',
          params: { thresholdDays: -1 },
        }),
      ),
    ).toEqual(['params.thresholdDays']);
    expect(
      paths(
        AlertRuleInputSchema.safeParse({ name: 'x', kind: 'robot_silent', params: { minutes: 5, bogus: 1 } }),
      ),
    ).toEqual(['params']);
    expect(
      paths(
        AlertRuleInputSchema.safeParse({
          name: 'x',
          kind: 'robot_silent',
          params: { minutes: 5 },
          scope: { type: 'group', groupId: 'nope' },
        }),
      ),
    ).toEqual(['scope.groupId']);
  });

  it('signing_key_retirement: a lead time in whole days, 1 to 365, 14 by default', () => {
    const fallback = AlertRuleInputSchema.safeParse({ name: 'x', kind: 'signing_key_retirement' });
    expect(fallback.success && fallback.data.params).toEqual({ daysBefore: 14 });
    for (const daysBefore of [0, 1.5, 400, -3]) {
      const bad = AlertRuleInputSchema.safeParse({
        name: 'x',
        kind: 'signing_key_retirement',
        params: { daysBefore },
      });
      expect(paths(bad), String(daysBefore)).toEqual(['params.daysBefore']);
    }
  });
});

describe('alert channel input', () => {
  it('accepts http(s) URLs only, and needs a routing key for PagerDuty', () => {
    expect(
      AlertChannelInputSchema.safeParse({ name: 'a', kind: 'webhook', url: 'https://hooks.example.com/x' })
        .success,
    ).toBe(true);
    expect(
      paths(AlertChannelInputSchema.safeParse({ name: 'a', kind: 'webhook', url: 'ftp://example.com/' })),
    ).toEqual(['url']);
    expect(
      paths(AlertChannelInputSchema.safeParse({ name: 'a', kind: 'webhook', url: 'file:///etc/passwd' })),
    ).toEqual(['url']);
    expect(
      paths(
        AlertChannelInputSchema.safeParse({ name: 'a', kind: 'webhook', url: 'https://u:p@example.com/' }),
      ),
    ).toEqual(['url']);
    expect(
      paths(
        AlertChannelInputSchema.safeParse({
          name: 'a',
          kind: 'pagerduty',
          url: 'https://events.pagerduty.com/v2/enqueue',
        }),
      ),
    ).toEqual(['routingKey']);
  });
});

describe('alert silence input', () => {
  it('needs a reason and a bounded duration', () => {
    expect(paths(AlertSilenceInputSchema.safeParse({ durationMinutes: 0, reason: ' ' }))).toEqual([
      'durationMinutes',
      'reason',
    ]);
  });
});
