import { z } from 'zod';

/**
 * Alerting contract (docs/alerts.md): rule kinds and their parameters, scopes, notification channels
 * and silences, as operators submit them. The API validates with these schemas and the dashboard's
 * forms validate inline with the very same ones (browser-safe: no Node built-ins).
 */

/** What a rule watches. Each kind is one "metric"; anything else is refused naming `kind`. */
export const ALERT_RULE_KINDS = [
  'flash_life_below',
  'write_rate_increase',
  'robot_silent',
  'rollout_event',
  'telemetry_dropped',
  'autopilot_proposal_waiting',
  'signing_key_retirement',
] as const;
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ROLLOUT_ALERT_EVENTS = ['failed', 'rolled_back', 'paused_inconclusive'] as const;
export type RolloutAlertEvent = (typeof ROLLOUT_ALERT_EVENTS)[number];

const hysteresisPercent = z
  .number({ error: 'must be a number' })
  .min(0, 'must not be negative')
  .max(100, 'must be at most 100')
  .default(10)
  .describe('the value must come back this far (percent of the threshold) past it before the alert resolves');

const windowMinutes = (max: number, fallback: number) =>
  z
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(5, 'must be at least 5 minutes')
    .max(max, `must be at most ${max} minutes`)
    .default(fallback);

/** Parameters of each rule kind (every threshold positive; hysteresis in percent of the threshold). */
export const ALERT_RULE_PARAMS = {
  flash_life_below: z
    .object({
      thresholdDays: z
        .number({ error: 'must be a number of days' })
        .positive('must be greater than 0')
        .max(36_500, 'must be at most 36500 days'),
      mode: z.enum(['per_robot', 'count']).default('per_robot'),
      minRobots: z
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(1_000_000)
        .default(1)
        .describe('count mode: fire when at least this many robots in scope are below the threshold'),
      windowMinutes: windowMinutes(24 * 60, 60),
      hysteresisPercent,
    })
    .strict(),
  write_rate_increase: z
    .object({
      thresholdPercent: z
        .number({ error: 'must be a number' })
        .positive('must be greater than 0')
        .max(100_000, 'must be at most 100000'),
      windowMinutes: windowMinutes(12 * 60, 60),
      baselineHours: z
        .number({ error: 'must be a number of hours' })
        .int('must be a whole number of hours')
        .min(1, 'must be at least 1 hour')
        .max(168, 'must be at most 168 hours')
        .default(24),
      minSteps: z
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .default(1000)
        .describe('steps needed in both the window and the baseline before a robot is judged'),
      hysteresisPercent,
    })
    .strict(),
  robot_silent: z
    .object({
      minutes: z
        .number({ error: 'must be a number of minutes' })
        .int('must be a whole number of minutes')
        .min(1, 'must be at least 1 minute')
        .max(7 * 24 * 60, 'must be at most 10080 minutes'),
    })
    .strict(),
  rollout_event: z
    .object({
      events: z
        .array(z.enum(ROLLOUT_ALERT_EVENTS))
        .min(1, 'must name at least one event')
        .default(['failed', 'rolled_back', 'paused_inconclusive']),
      holdMinutes: z
        .number({ error: 'must be a number of minutes' })
        .int('must be a whole number of minutes')
        .min(1, 'must be at least 1 minute')
        .max(7 * 24 * 60, 'must be at most 10080 minutes')
        .default(60)
        .describe('a rolled-back rollout stays firing this long after it ended, then resolves'),
    })
    .strict(),
  telemetry_dropped: z
    .object({
      minRecords: z.number().int().min(1, 'must be at least 1').default(1),
      windowMinutes: windowMinutes(24 * 60, 60),
    })
    .strict(),
  autopilot_proposal_waiting: z
    .object({ minutes: z.number().int().min(1, 'must be at least 1 minute').default(60) })
    .strict(),
  signing_key_retirement: z
    .object({
      daysBefore: z
        .number({ error: 'must be a number of days' })
        .int('must be a whole number of days')
        .min(1, 'must be at least 1 day')
        .max(365, 'must be at most 365 days')
        .default(14)
        .describe('lead time: fire once a trusted key is planned to retire within this many days'),
    })
    .strict(),
} as const satisfies Record<AlertRuleKind, z.ZodType>;

export type AlertRuleParams = { [K in AlertRuleKind]: z.output<(typeof ALERT_RULE_PARAMS)[K]> };

export const AlertScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fleet') }).strict(),
  z.object({ type: z.literal('group'), groupId: z.uuid('must be a group id (uuid)') }).strict(),
  z
    .object({
      type: z.literal('tag'),
      tag: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    })
    .strict(),
]);
export type AlertScope = z.infer<typeof AlertScopeSchema>;

const kindMessage = `must be one of ${ALERT_RULE_KINDS.join(', ')}`;

export const AlertRuleInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    description: z.string().max(2000, 'must be at most 2000 characters').optional(),
    kind: z.enum(ALERT_RULE_KINDS, { error: kindMessage }),
    scope: AlertScopeSchema.default({ type: 'fleet' }),
    params: z.record(z.string(), z.unknown()).default({}),
    severity: z.enum(ALERT_SEVERITIES).default('warning'),
    channelIds: z.array(z.uuid('must be a channel id (uuid)')).max(10, 'at most 10 channels').default([]),
    repeatIntervalMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1 minute')
      .max(7 * 24 * 60, 'must be at most 10080 minutes')
      .default(240),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const parsed = ALERT_RULE_PARAMS[rule.kind].safeParse(rule.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ ...issue, path: ['params', ...issue.path] });
      }
    }
    if (new Set(rule.channelIds).size !== rule.channelIds.length) {
      ctx.addIssue({ code: 'custom', path: ['channelIds'], message: 'lists a channel twice' });
    }
  })
  .transform((rule) => {
    // Reached with issues too (zod runs the transform after non-fatal refinements): keep input then.
    const params = ALERT_RULE_PARAMS[rule.kind].safeParse(rule.params);
    return { ...rule, params: (params.success ? params.data : rule.params) as Record<string, unknown> };
  });
export type AlertRuleInput = z.output<typeof AlertRuleInputSchema>;

export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'pagerduty'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

/** http(s) only, no credentials in the URL; where it may point is checked by the API (SSRF guard). */
export const WebhookUrlSchema = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .superRefine((value, ctx) => {
    if (!URL.canParse(value)) return void ctx.addIssue({ code: 'custom', message: 'is not a valid URL' });
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: `must be an http:// or https:// URL (got ${url.protocol}//)` });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not carry a user name or password' });
    }
  });

export const AlertChannelInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    kind: z.enum(ALERT_CHANNEL_KINDS, { error: `must be one of ${ALERT_CHANNEL_KINDS.join(', ')}` }),
    url: WebhookUrlSchema,
    routingKey: z
      .string()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .optional()
      .describe('PagerDuty Events v2 integration (routing) key; required for pagerduty channels'),
  })
  .strict()
  .superRefine((channel, ctx) => {
    if (channel.kind === 'pagerduty' && !channel.routingKey) {
      ctx.addIssue({ code: 'custom', path: ['routingKey'], message: 'is required for a pagerduty channel' });
    }
    if (channel.kind !== 'pagerduty' && channel.routingKey) {
      ctx.addIssue({ code: 'custom', path: ['routingKey'], message: 'only applies to pagerduty channels' });
    }
  });
export type AlertChannelInput = z.infer<typeof AlertChannelInputSchema>;

const MAX_SILENCE_MINUTES = 90 * 24 * 60;

/** A silence mutes notifications (not evaluation or history) of matching alerts until it expires. */
export const AlertSilenceInputSchema = z
  .object({
    ruleId: z.uuid('must be a rule id (uuid)').optional().describe('only this rule (all rules if absent)'),
    subjectId: z
      .string()
      .min(1, 'must not be empty')
      .max(100)
      .optional()
      .describe('only this subject: a robot id, rollout id or group id (all subjects if absent)'),
    durationMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1 minute')
      .max(MAX_SILENCE_MINUTES, `must be at most ${MAX_SILENCE_MINUTES} minutes (90 days)`),
    reason: z.string().trim().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters'),
  })
  .strict();
export type AlertSilenceInput = z.infer<typeof AlertSilenceInputSchema>;
