'use client';
import {
  type AutopilotSettings,
  type AutopilotSettingsInput,
  AutopilotSettingsSchema,
  type PersistMode,
} from '@aura/core/schemas';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useState } from 'react';
import { saveAutopilotSettings } from './actions';
import styles from './autopilot.module.css';

type Fields = Record<
  | 'lifeTargetDays'
  | 'tauMin'
  | 'tauMax'
  | 'maxTauChange'
  | 'maxSuccessDrop'
  | 'intervalMinutes'
  | 'minTelemetryMinutes'
  | 'bakeSeconds'
  | 'maxPolicyVersions',
  string
>;

const MODE_ORDER: PersistMode[] = ['snapshot', 'delta-log', 'none'];

/** `groupTargets[0].groupId` (the API's paths) and `groupTargets.0.groupId` (zod's) → one key. */
const key = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

/**
 * The autopilot's targets and guard rails. Checked with the API's own schema as the operator edits
 * (errors beside their fields); the API's 400 field errors show the same way.
 */
export function AutopilotSettingsForm({
  settings,
  groups,
  canEdit,
}: {
  settings: AutopilotSettings;
  groups: { id: string; name: string }[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const rails = settings.guardRails;
  const [fields, setFields] = useState<Fields>({
    lifeTargetDays: String(settings.lifeTargetDays),
    tauMin: String(rails.tauMin),
    tauMax: String(rails.tauMax),
    maxTauChange: String(rails.maxTauChange),
    maxSuccessDrop: String(rails.maxSuccessDrop),
    intervalMinutes: String(settings.intervalMinutes),
    minTelemetryMinutes: String(settings.minTelemetryMinutes),
    bakeSeconds: String(settings.bakeSeconds),
    maxPolicyVersions: String(settings.maxPolicyVersions),
  });
  const [enabled, setEnabled] = useState(settings.enabled);
  const [autoStart, setAutoStart] = useState(settings.autoStart);
  const [modes, setModes] = useState<string[]>(rails.persistModes);
  const [groupTargets, setGroupTargets] = useState(
    settings.groupTargets.map((g) => ({ groupId: g.groupId, days: String(g.lifeTargetDays) })),
  );
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ error?: string; message?: string; fields: Record<string, string> }>({
    fields: {},
  });
  const [busy, setBusy] = useState(false);

  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  const input: AutopilotSettingsInput = {
    enabled,
    autoStart,
    lifeTargetDays: num(fields.lifeTargetDays) as number,
    groupTargets: groupTargets.map((g) => ({ groupId: g.groupId, lifeTargetDays: num(g.days) as number })),
    guardRails: {
      tauMin: num(fields.tauMin) as number,
      tauMax: num(fields.tauMax) as number,
      maxTauChange: num(fields.maxTauChange) as number,
      maxSuccessDrop: num(fields.maxSuccessDrop) as number,
      // tried in this order: the durable modes first, `none` last
      persistModes: MODE_ORDER.filter((m) => modes.includes(m)),
    },
    intervalMinutes: num(fields.intervalMinutes) as number,
    minTelemetryMinutes: num(fields.minTelemetryMinutes) as number,
    bakeSeconds: num(fields.bakeSeconds) as number,
    maxPolicyVersions: num(fields.maxPolicyVersions) as number,
  };
  const parsed = AutopilotSettingsSchema.safeParse(input);
  const local: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) local[key(i.path.join('.'))] ??= i.message;
  const errorOf = (path: string) => (submitted ? (local[path] ?? server.fields[path]) : server.fields[path]);

  const edit = (name: keyof Fields, value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    setServer((s) => ({ ...s, fields: { ...s.fields, [key(pathOf(name))]: '' } }));
  };
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) return;
    setBusy(true);
    const result = await saveAutopilotSettings(input, reason);
    setBusy(false);
    setServer({
      ...(result.error ? { error: result.error } : {}),
      ...(result.message ? { message: result.message } : {}),
      fields: Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([path, m]) => [key(path), m])),
    });
    if (result.ok) {
      setSubmitted(false);
      router.refresh();
    }
  };

  const field = (name: keyof Fields, label: string, hint?: string, wide = false): ReactNode => {
    const path = key(pathOf(name));
    const error = errorOf(path);
    const id = `autopilot-${name}`;
    return (
      <div className={`${styles.field} ${wide ? styles.wide : ''}`}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          inputMode="decimal"
          value={fields[name]}
          disabled={!canEdit}
          onChange={(e) => edit(name, e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={`${id}-hint ${id}-error`}
          autoComplete="off"
        />
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
        <p id={`${id}-error`} className={styles.fieldError} aria-live="polite">
          {error ? `${label} ${error}` : ''}
        </p>
      </div>
    );
  };

  const modesError = errorOf('guardRails.persistModes');
  return (
    <form onSubmit={onSubmit} className={styles.form} noValidate aria-label="Autopilot settings">
      <div className={`${styles.field} ${styles.wide}`}>
        <div className={styles.checks}>
          <label>
            <input
              type="checkbox"
              checked={enabled}
              disabled={!canEdit}
              onChange={(e) => setEnabled(e.target.checked)}
            />{' '}
            Autopilot enabled
          </label>
          <label>
            <input
              type="checkbox"
              checked={autoStart}
              disabled={!canEdit}
              onChange={(e) => setAutoStart(e.target.checked)}
            />{' '}
            Start its rollouts without approval (auto-start, within the guard rails)
          </label>
        </div>
      </div>
      {field(
        'lifeTargetDays',
        'Flash-life target (days)',
        'From each robot’s enrolment; 1826 = 5 years, at most 50 years',
      )}
      {field('tauMin', 'Lowest τ', 'Guard rail: 0–1')}
      {field('tauMax', 'Highest τ', 'Guard rail: at least the lowest τ')}
      {field('maxTauChange', 'Largest τ change per rollout', 'e.g. 0.1')}
      {field(
        'maxSuccessDrop',
        'Success floor vs control',
        'Most success one rollout may give up: 0.05 = 5 points',
      )}
      <fieldset className={styles.field}>
        <legend>Persistence modes it may move robots to</legend>
        <div className={styles.checks}>
          {MODE_ORDER.map((mode) => (
            <label key={mode}>
              <input
                type="checkbox"
                checked={modes.includes(mode)}
                disabled={!canEdit}
                onChange={(e) =>
                  setModes((m) => (e.target.checked ? [...m, mode] : m.filter((x) => x !== mode)))
                }
              />{' '}
              {mode}
            </label>
          ))}
        </div>
        <p className={styles.hint}>
          Tried left to right when τ alone cannot meet the target (a robot may always keep its own); none
          loses the memory on a restart
        </p>
        <p className={styles.fieldError} aria-live="polite">
          {modesError ? `Persistence modes ${modesError}` : ''}
        </p>
      </fieldset>
      {field('intervalMinutes', 'Recompute every (minutes)')}
      {field(
        'minTelemetryMinutes',
        'Telemetry needed (minutes)',
        'Under a robot’s current setting, for a recommendation',
      )}
      {field('bakeSeconds', 'Bake per rollout step (s)')}
      {field('maxPolicyVersions', 'Policy versions per round')}
      <fieldset className={`${styles.field} ${styles.wide}`}>
        <legend>Per-group targets</legend>
        {groupTargets.map((g, i) => {
          const groupError = errorOf(`groupTargets.${i}.groupId`);
          const daysError = errorOf(`groupTargets.${i}.lifeTargetDays`);
          return (
            <div key={`${g.groupId}-${i}`} className={styles.groupRow}>
              <label htmlFor={`group-${i}`}>Group</label>
              <select
                id={`group-${i}`}
                value={g.groupId}
                disabled={!canEdit}
                aria-invalid={Boolean(groupError)}
                onChange={(e) =>
                  setGroupTargets((t) => t.map((x, j) => (j === i ? { ...x, groupId: e.target.value } : x)))
                }
              >
                {groups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </select>
              <label htmlFor={`group-days-${i}`}>days</label>
              <input
                id={`group-days-${i}`}
                inputMode="decimal"
                value={g.days}
                disabled={!canEdit}
                aria-invalid={Boolean(daysError)}
                onChange={(e) =>
                  setGroupTargets((t) => t.map((x, j) => (j === i ? { ...x, days: e.target.value } : x)))
                }
              />
              {canEdit ? (
                <button type="button" onClick={() => setGroupTargets((t) => t.filter((_, j) => j !== i))}>
                  Remove
                </button>
              ) : null}
              <p className={styles.fieldError} aria-live="polite">
                {groupError ? `Group ${groupError}` : daysError ? `Days ${daysError}` : ''}
              </p>
            </div>
          );
        })}
        {canEdit && groups.length > 0 ? (
          <button
            type="button"
            onClick={() =>
              setGroupTargets((t) => [...t, { groupId: groups[0]!.id, days: fields.lifeTargetDays }])
            }
          >
            Add a group target
          </button>
        ) : groups.length === 0 ? (
          <p className={styles.hint}>No robot groups yet.</p>
        ) : null}
      </fieldset>
      {canEdit ? (
        <div className={`${styles.actions} ${styles.wide}`}>
          <label htmlFor="autopilot-reason">Reason (audit log)</label>
          <input id="autopilot-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
          <span role="status" className={server.error ? styles.error : styles.message}>
            {server.error ??
              server.message ??
              (submitted && !parsed.success ? 'Fix the fields marked above.' : '')}
          </span>
        </div>
      ) : (
        <p className={`${styles.hint} ${styles.wide}`}>Operators and admins can change these settings.</p>
      )}
    </form>
  );
}

function pathOf(name: keyof Fields): string {
  return ['tauMin', 'tauMax', 'maxTauChange', 'maxSuccessDrop'].includes(name) ? `guardRails.${name}` : name;
}
