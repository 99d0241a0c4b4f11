'use client';
import {
  ALERT_RULE_KINDS,
  ALERT_SEVERITIES,
  AlertRuleInputSchema,
  type AlertRuleKind,
  describeIssues,
  ROLLOUT_ALERT_EVENTS,
} from '@aura/core/schemas';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Field, type FieldControl } from '@/ui/field';
import { type ActionResult, saveRule } from './actions';
import styles from './alerts.module.css';
import { KIND_LABEL } from './alerts-nav';

interface ParamField {
  key: string;
  label: string;
  kind: 'number' | 'select' | 'multi';
  options?: [string, string][];
  hint?: string;
}

/** The parameters each kind takes (defaults and limits live in AlertRuleInputSchema). */
const PARAMS: Record<AlertRuleKind, ParamField[]> = {
  flash_life_below: [
    {
      key: 'thresholdDays',
      label: 'Threshold (days)',
      kind: 'number',
      hint: 'fires below this projected flash life',
    },
    {
      key: 'mode',
      label: 'Mode',
      kind: 'select',
      options: [
        ['per_robot', 'one alert per robot'],
        ['count', 'one alert when enough robots are below'],
      ],
    },
    { key: 'minRobots', label: 'Robots (count mode)', kind: 'number', hint: 'default 1' },
    {
      key: 'windowMinutes',
      label: 'Window (minutes)',
      kind: 'number',
      hint: 'wear rate measured over it; default 60',
    },
    {
      key: 'hysteresisPercent',
      label: 'Hysteresis (%)',
      kind: 'number',
      hint: 'resolves 10 % above the threshold by default',
    },
  ],
  write_rate_increase: [
    {
      key: 'thresholdPercent',
      label: 'Increase above (%)',
      kind: 'number',
      hint: "against the robot's own baseline",
    },
    { key: 'windowMinutes', label: 'Window (minutes)', kind: 'number', hint: 'default 60' },
    { key: 'baselineHours', label: 'Baseline (hours)', kind: 'number', hint: 'default 24' },
    {
      key: 'minSteps',
      label: 'Minimum steps',
      kind: 'number',
      hint: 'in both window and baseline; default 1000',
    },
    { key: 'hysteresisPercent', label: 'Hysteresis (%)', kind: 'number', hint: 'default 10' },
  ],
  robot_silent: [{ key: 'minutes', label: 'Silent for (minutes)', kind: 'number' }],
  rollout_event: [
    {
      key: 'events',
      label: 'Events',
      kind: 'multi',
      options: ROLLOUT_ALERT_EVENTS.map((e) => [
        e,
        e === 'failed'
          ? 'failed a health gate'
          : e === 'rolled_back'
            ? 'rolled back'
            : 'paused as inconclusive',
      ]),
    },
    { key: 'holdMinutes', label: 'Keep a rollback firing (minutes)', kind: 'number', hint: 'default 60' },
  ],
  telemetry_dropped: [
    {
      key: 'minRecords',
      label: 'Records not delivered (dropped + quarantined)',
      kind: 'number',
      hint: 'at least; default 1',
    },
    { key: 'windowMinutes', label: 'Reported within (minutes)', kind: 'number', hint: 'default 60' },
  ],
  autopilot_proposal_waiting: [
    {
      key: 'minutes',
      label: 'Waiting for approval longer than (minutes)',
      kind: 'number',
      hint: 'default 60',
    },
  ],
  signing_key_retirement: [
    {
      key: 'daysBefore',
      label: 'Planned retirement within (days)',
      kind: 'number',
      hint: 'lead time, 1 to 365; default 14',
    },
  ],
};

export interface RuleFields {
  name: string;
  description: string;
  kind: AlertRuleKind;
  scopeType: 'fleet' | 'group' | 'tag';
  groupId: string;
  tag: string;
  severity: (typeof ALERT_SEVERITIES)[number];
  channelIds: string[];
  repeatIntervalMinutes: string;
  enabled: boolean;
  params: Record<string, string | string[]>;
}

export function ruleBody(f: RuleFields): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of PARAMS[f.kind]) {
    const value = f.params[field.key];
    if (field.kind === 'multi') params[field.key] = Array.isArray(value) ? value : [];
    else if (typeof value === 'string' && value.trim() !== '') {
      params[field.key] = field.kind === 'number' ? Number(value) : value;
    }
  }
  return {
    name: f.name,
    ...(f.description.trim() ? { description: f.description } : {}),
    kind: f.kind,
    scope:
      f.scopeType === 'group'
        ? { type: 'group', groupId: f.groupId }
        : f.scopeType === 'tag'
          ? { type: 'tag', tag: f.tag }
          : { type: 'fleet' },
    params,
    severity: f.severity,
    channelIds: f.channelIds,
    repeatIntervalMinutes: f.repeatIntervalMinutes === '' ? Number.NaN : Number(f.repeatIntervalMinutes),
    enabled: f.enabled,
  };
}

/**
 * Create or edit a rule. Every field is checked with the API's own schema as the operator types; the
 * API's 400 field errors land beside the same fields.
 */
export function RuleForm({
  ruleId,
  initial,
  groups,
  channels,
}: {
  ruleId: string | null;
  initial: RuleFields;
  groups: { id: string; name: string }[];
  channels: { id: string; name: string; kind: string }[];
}) {
  const [fields, setFields] = useState<RuleFields>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<ActionResult>({});
  const [busy, setBusy] = useState(false);
  const body = ruleBody(fields);
  const parsed = AlertRuleInputSchema.safeParse(body);
  const local: Record<string, string> = {};
  if (!parsed.success) for (const d of describeIssues(parsed.error)) local[d.path] ??= d.message;
  const errorOf = (path: string) =>
    submitted ? (local[path] ?? result.fieldErrors?.[path]) : result.fieldErrors?.[path];
  const set = (patch: Partial<RuleFields>) => setFields((f) => ({ ...f, ...patch }));
  const setParam = (key: string, value: string | string[]) =>
    setFields((f) => ({ ...f, params: { ...f.params, [key]: value } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    setBusy(true);
    setResult(await saveRule(ruleId, body)); // redirects on success
    setBusy(false);
  };

  /** A field of the rule at `path` (API error paths: `params.minutes`, `scope.groupId`), id `rule-<path>`. */
  const field = (path: string, label: string, input: (control: FieldControl) => ReactNode, hint?: string) => (
    <Field key={path} id={`rule-${path}`} label={label} error={errorOf(path)} hint={hint}>
      {input}
    </Field>
  );

  return (
    <form onSubmit={submit} className={styles.form} noValidate aria-label={ruleId ? 'Edit rule' : 'New rule'}>
      {field('name', 'Name', (control) => (
        <input {...control} value={fields.name} onChange={(e) => set({ name: e.target.value })} />
      ))}
      {field('kind', 'Watch', (control) => (
        <select
          {...control}
          value={fields.kind}
          onChange={(e) => set({ kind: e.target.value as AlertRuleKind, params: {} })}
        >
          {ALERT_RULE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABEL[kind]}
            </option>
          ))}
        </select>
      ))}
      <div className={styles.row}>
        {PARAMS[fields.kind].map((p) => {
          const path = `params.${p.key}`;
          const value = fields.params[p.key];
          if (p.kind === 'multi') {
            const chosen = Array.isArray(value) ? value : [];
            return (
              <fieldset className={styles.field} key={path} aria-describedby={`rule-${path}-error`}>
                <legend>{p.label}</legend>
                {(p.options ?? []).map(([option, text]) => (
                  <label key={option}>
                    <input
                      type="checkbox"
                      checked={chosen.includes(option)}
                      onChange={(e) =>
                        setParam(
                          p.key,
                          e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option),
                        )
                      }
                    />{' '}
                    {text}
                  </label>
                ))}
                <p id={`rule-${path}-error`} className={styles.fieldError} aria-live="polite">
                  {errorOf(path) ? `${p.label} ${errorOf(path)}` : ''}
                </p>
              </fieldset>
            );
          }
          if (p.kind === 'select') {
            return field(
              path,
              p.label,
              (control) => (
                <select
                  {...control}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => setParam(p.key, e.target.value)}
                >
                  {(p.options ?? []).map(([option, text]) => (
                    <option key={option} value={option}>
                      {text}
                    </option>
                  ))}
                </select>
              ),
              p.hint,
            );
          }
          return field(
            path,
            p.label,
            (control) => (
              <input
                {...control}
                inputMode="decimal"
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => setParam(p.key, e.target.value)}
              />
            ),
            p.hint,
          );
        })}
      </div>
      <div className={styles.row}>
        {field('scope', 'Scope', (control) => (
          <select
            {...control}
            value={fields.scopeType}
            onChange={(e) => set({ scopeType: e.target.value as RuleFields['scopeType'] })}
          >
            <option value="fleet">the whole fleet</option>
            <option value="group">a group</option>
            <option value="tag">a tag</option>
          </select>
        ))}
        {fields.scopeType === 'group'
          ? field('scope.groupId', 'Group', (control) => (
              <select {...control} value={fields.groupId} onChange={(e) => set({ groupId: e.target.value })}>
                <option value="">choose a group</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            ))
          : null}
        {fields.scopeType === 'tag'
          ? field('scope.tag', 'Tag', (control) => (
              <input {...control} value={fields.tag} onChange={(e) => set({ tag: e.target.value })} />
            ))
          : null}
        {field('severity', 'Severity', (control) => (
          <select
            {...control}
            value={fields.severity}
            onChange={(e) => set({ severity: e.target.value as RuleFields['severity'] })}
          >
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        ))}
        {field(
          'repeatIntervalMinutes',
          'Repeat every (minutes)',
          (control) => (
            <input
              {...control}
              inputMode="numeric"
              value={fields.repeatIntervalMinutes}
              onChange={(e) => set({ repeatIntervalMinutes: e.target.value })}
            />
          ),
          'while it keeps firing',
        )}
      </div>
      <fieldset className={styles.field} aria-describedby="rule-channelIds-error">
        <legend>Notify</legend>
        {channels.length === 0 ? (
          <p className={styles.hint}>No channels yet: add one under Channels.</p>
        ) : null}
        {channels.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={fields.channelIds.includes(c.id)}
              onChange={(e) =>
                set({
                  channelIds: e.target.checked
                    ? [...fields.channelIds, c.id]
                    : fields.channelIds.filter((id) => id !== c.id),
                })
              }
            />{' '}
            {c.name} ({c.kind})
          </label>
        ))}
        <p id="rule-channelIds-error" className={styles.fieldError} aria-live="polite">
          {errorOf('channelIds') ? `Channels ${errorOf('channelIds')}` : ''}
        </p>
      </fieldset>
      {field('description', 'Description', (control) => (
        <textarea
          {...control}
          rows={2}
          value={fields.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      ))}
      <label>
        <input
          type="checkbox"
          checked={fields.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />{' '}
        Enabled
      </label>
      {result.error ? <p role="alert">{result.error}</p> : null}
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : ruleId ? 'Save rule' : 'Create rule'}
        </button>
      </div>
    </form>
  );
}
