import type { AlertNotificationPayload } from '@aura/core/contract';
import { describe, expect, it } from 'vitest';
import { pagerDutyBody, renderNotification, slackBody } from './alert-payloads.js';

const payload = (overrides: Partial<AlertNotificationPayload> = {}): AlertNotificationPayload => ({
  version: 1,
  notificationId: '00000000-0000-4000-8000-000000000001',
  type: 'firing',
  status: 'firing',
  summary: '200 robots: projected flash life below 365 days',
  rule: {
    id: '00000000-0000-4000-8000-000000000002',
    name: 'Flash life',
    kind: 'flash_life_below',
    severity: 'critical',
    scope: { type: 'fleet' },
  },
  alerts: Array.from({ length: 200 }, (_, i) => ({
    id: `a${i}`,
    state: 'firing' as const,
    new: true,
    subject: { type: 'robot' as const, id: `r${i}`, name: `robot-${i}` },
    value: 100 + i,
    summary: `projected flash life ${100 + i} days`,
    startedAt: '2026-12-01T10:00:00.000Z',
    resolvedAt: null,
  })),
  alertsTotal: 200,
  firingTotal: 200,
  createdAt: '2026-12-01T10:00:00.000Z',
  links: { rule: 'https://dash.example.com/alerts/rules/x' },
  ...overrides,
});

describe('notification payloads', () => {
  it('generic webhooks get the payload itself', () => {
    expect(JSON.parse(renderNotification('webhook', payload(), null))).toEqual(payload());
  });

  it('Slack: one message, the first 20 subjects listed and the rest counted', () => {
    const body = slackBody(payload()) as { text: string; blocks: { text?: { text: string } }[] };
    expect(body.text).toContain('[FIRING] Flash life');
    const list = body.blocks[1]?.text?.text ?? '';
    expect(list.split('\n')).toHaveLength(21);
    expect(list).toContain('…and 180 more');
  });

  it('PagerDuty Events v2: trigger with the rule as dedup key; resolve only once nothing fires', () => {
    const trigger = pagerDutyBody(payload(), 'R0UT1NG') as Record<string, unknown>;
    expect(trigger).toMatchObject({
      routing_key: 'R0UT1NG',
      event_action: 'trigger',
      dedup_key: 'aura-alert-rule-00000000-0000-4000-8000-000000000002',
      payload: { severity: 'critical', source: 'aura-fleet', class: 'flash_life_below' },
    });
    const partial = pagerDutyBody(payload({ type: 'resolved', status: 'resolved', firingTotal: 3 }), 'k');
    expect(partial.event_action).toBe('trigger');
    const resolve = pagerDutyBody(payload({ type: 'resolved', status: 'resolved', firingTotal: 0 }), 'k');
    expect(resolve).toEqual({ routing_key: 'k', event_action: 'resolve', dedup_key: expect.any(String) });
  });
});
