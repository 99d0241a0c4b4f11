'use client';
import { FLASH_KINDS, HealthGatesSchema, RolloutSpecSchema } from '@aura/core/schemas';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { formatPercent, formatPoints } from '../ui/format';
import { TableHead } from '../ui/table-head';
import ui from '../ui/ui.module.css';
import { countRolloutTargets, createRollout, previewRolloutSpec, searchRobots } from './actions';
import { formatDays, formatDuration, formatNumber } from './format';
import styles from './rollouts.module.css';
import type { FieldError, RolloutPreview } from './types';

const GATE_DEFAULTS = HealthGatesSchema.parse({});
/** Architectures offered as agent filters (Node.js process.arch names, as agents report them). */
const ARCHES = ['arm64', 'x64', 'arm'] as const;
type FlashKind = (typeof FLASH_KINDS)[number];
const GATES: { key: keyof typeof GATE_DEFAULTS; label: string; hint: string; step: string }[] = [
  {
    key: 'maxWriteRateIncrease',
    label: 'Max write-rate increase',
    hint: 'fraction over the control cohort: 0.25 = +25 %',
    step: '0.01',
  },
  {
    key: 'maxSuccessRateDrop',
    label: 'Max success-rate drop',
    hint: 'fraction of episodes: 0.05 = 5 points',
    step: '0.01',
  },
  {
    key: 'minProjectedFlashLifeDays',
    label: 'Min projected flash life (days)',
    hint: 'no cohort robot may project less',
    step: '1',
  },
  {
    key: 'minRobotsPerCohort',
    label: 'Min robots reporting per cohort',
    hint: 'fewer → inconclusive',
    step: '1',
  },
  {
    key: 'minSamplesPerCohort',
    label: 'Min samples per cohort (steps)',
    hint: 'fewer telemetry steps → inconclusive',
    step: '1',
  },
];
const DEFAULT_STEPS = [
  { percent: '10', bake: '900' },
  { percent: '50', bake: '1800' },
  { percent: '100', bake: '1800' },
];

/** Telemetry windows a preview can predict from (the API takes 5 minutes to 7 days). */
const PREVIEW_WINDOWS = [
  { minutes: 60, label: 'last hour' },
  { minutes: 360, label: 'last 6 hours' },
  { minutes: 1440, label: 'last 24 hours' },
  { minutes: 10_080, label: 'last 7 days' },
];

type Option = { id: string; label: string };
type StepRow = { key: number; percent: string; bake: string };

/** '' → undefined (optional: the schema's default applies); otherwise a number (NaN is refused). */
const optionalNumber = (value: string) => (value.trim() === '' ? undefined : Number(value));
const requiredNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
const issuePath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * The create form: policy version, target (groups ∪ tags ∪ robots) with a live count, steps, gates,
 * on-failure. Validated inline with the API's own RolloutSpecSchema; the preview of predicted write rate
 * and flash life must be seen for the current spec before the draft can be created.
 */
export function RolloutForm({
  versions,
  groups,
  tags,
  robots: firstRobots,
  robotsTotal,
}: {
  versions: Option[];
  groups: { id: string; name: string; robots: number }[];
  tags: string[];
  /** The first page of robots by name; the picker asks the API for more. */
  robots: { id: string; name: string }[];
  robotsTotal: number;
}) {
  const [name, setName] = useState('');
  const [policyVersionId, setPolicyVersionId] = useState('');
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [tagSet, setTagSet] = useState<string[]>([]);
  const [robotIds, setRobotIds] = useState<string[]>([]);
  const [agentVersions, setAgentVersions] = useState('');
  const [archSet, setArchSet] = useState<string[]>([]);
  const [flashKindSet, setFlashKindSet] = useState<FlashKind[]>([]);
  const [robotFilter, setRobotFilter] = useState('');
  const [picker, setPicker] = useState<{
    items: { id: string; name: string }[];
    total: number;
    busy: boolean;
    error?: string;
  }>({ items: firstRobots, total: robotsTotal, busy: false });
  const [robotNames, setRobotNames] = useState<Map<string, string>>(new Map());
  const [extraTags, setExtraTags] = useState<string[]>([]);
  const [newTag, setNewTag] = useState('');
  const [rateLimit, setRateLimit] = useState('');
  const [windowStart, setWindowStart] = useState('');
  const [windowEnd, setWindowEnd] = useState('');
  const [previewWindow, setPreviewWindow] = useState(60);
  const nextKey = useRef(DEFAULT_STEPS.length);
  const [steps, setSteps] = useState<StepRow[]>(DEFAULT_STEPS.map((s, key) => ({ key, ...s })));
  const [gates, setGates] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(GATE_DEFAULTS).map(([k, v]) => [k, String(v)])),
  );
  const [onFailure, setOnFailure] = useState<'rollback' | 'pause'>('rollback');
  const [deadline, setDeadline] = useState('600');
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string | undefined>();
  const [count, setCount] = useState<{
    robots?: number;
    unreported?: number;
    notMatching?: number;
    error?: string;
    busy: boolean;
  }>({
    robots: 0,
    busy: false,
  });
  const [preview, setPreview] = useState<{ key: string; data: RolloutPreview } | undefined>();
  const [busy, setBusy] = useState<'preview' | 'create' | undefined>();

  const spec = useMemo(
    () => ({
      policyVersionId,
      target: {
        groupIds,
        tags: tagSet,
        robotIds,
        ...(agentVersions.trim() ? { agentVersions: agentVersions.trim() } : {}),
        ...(archSet.length ? { arch: archSet } : {}),
        ...(flashKindSet.length ? { flashKinds: flashKindSet } : {}),
      },
      steps: steps.map((s) => ({ percent: requiredNumber(s.percent), bakeSeconds: requiredNumber(s.bake) })),
      gates: Object.fromEntries(GATES.map((g) => [g.key, optionalNumber(gates[g.key] ?? '')])),
      onFailure,
      rateLimitPerMinute: optionalNumber(rateLimit),
      applyWindow: windowStart || windowEnd ? { start: windowStart, end: windowEnd } : undefined,
      inconclusiveDeadlineSeconds: optionalNumber(deadline),
    }),
    [
      policyVersionId,
      groupIds,
      tagSet,
      robotIds,
      agentVersions,
      archSet,
      flashKindSet,
      steps,
      gates,
      onFailure,
      rateLimit,
      windowStart,
      windowEnd,
      deadline,
    ],
  );
  const specKey = JSON.stringify(spec);

  const clientErrors = useMemo(() => {
    const errors: FieldError[] = [];
    if (!name.trim()) errors.push({ path: 'name', message: 'must not be empty' });
    else if (name.length > 200) errors.push({ path: 'name', message: 'must be at most 200 characters' });
    const parsed = RolloutSpecSchema.safeParse(spec);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issuePath(issue.path);
        errors.push({
          path,
          message: path === 'policyVersionId' && !policyVersionId ? 'choose a policy version' : issue.message,
        });
      }
    }
    return errors;
  }, [name, spec, policyVersionId]);

  // The API's refusals hold until the spec or name changes.
  useEffect(() => setServerErrors([]), [specKey, name]);

  // Live count of the robots the target names (the API counts groups ∪ tags ∪ ids, each once).
  const targetKey = JSON.stringify(spec.target);
  useEffect(() => {
    let current = true;
    setCount((c) => ({ ...c, busy: true }));
    const timer = setTimeout(async () => {
      const result = await countRolloutTargets(JSON.parse(targetKey)).catch(() => ({
        robots: undefined,
        error: 'could not count',
      }));
      if (current) setCount({ ...result, busy: false });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [targetKey]);

  // The robot picker pages through the API: a new filter asks for its first page (debounced).
  const firstFilter = useRef(true);
  useEffect(() => {
    if (firstFilter.current) {
      firstFilter.current = false;
      return;
    }
    let current = true;
    setPicker((p) => ({ ...p, busy: true }));
    const timer = setTimeout(async () => {
      const page = await searchRobots(robotFilter, 0).catch(() => ({ error: 'could not load robots' }));
      if (!current) return;
      setPicker((p) =>
        'items' in page && page.items
          ? { items: page.items, total: page.total ?? 0, busy: false }
          : { ...p, busy: false, error: page.error },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [robotFilter]);

  async function moreRobots() {
    setPicker((p) => ({ ...p, busy: true }));
    const page = await searchRobots(robotFilter, picker.items.length).catch(() => ({
      error: 'could not load robots',
    }));
    setPicker((p) =>
      'items' in page && page.items
        ? {
            items: [...p.items, ...page.items.filter((r) => !p.items.some((q) => q.id === r.id))],
            total: page.total ?? p.total,
            busy: false,
          }
        : { ...p, busy: false, error: page.error },
    );
  }

  const visible = (path: string) => submitted || touched.has(path);
  const errorFor = (path: string): string | undefined =>
    serverErrors.find((e) => e.path === path)?.message ??
    (visible(path) ? clientErrors.find((e) => e.path === path)?.message : undefined);
  const touch = (path: string) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  const invalid = (path: string) => (errorFor(path) ? true : undefined);
  const describedBy = (path: string, hint?: string) =>
    [errorFor(path) ? errorId(path) : undefined, hint].filter(Boolean).join(' ') || undefined;

  const focusFirstError = () => {
    requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
    });
  };

  async function runPreview() {
    setSubmitted(true);
    setFormError(undefined);
    if (clientErrors.some((e) => e.path !== 'name')) {
      focusFirstError();
      return;
    }
    setBusy('preview');
    const result = await previewRolloutSpec(spec, previewWindow).catch(() => ({
      error: 'The preview failed',
      preview: undefined,
      fieldErrors: [],
    }));
    setBusy(undefined);
    if (result.preview) setPreview({ key: specKey, data: result.preview });
    else {
      setFormError(result.error);
      setServerErrors(result.fieldErrors ?? []);
    }
  }

  async function create() {
    setSubmitted(true);
    setFormError(undefined);
    if (clientErrors.length > 0) {
      focusFirstError();
      return;
    }
    setBusy('create');
    const result = await createRollout(name.trim(), spec).catch(() => ({
      error: 'The rollout could not be created',
      fieldErrors: [],
    }));
    // On success the action redirects to the new rollout's page.
    setBusy(undefined);
    if (result?.error) {
      setFormError(result.error);
      setServerErrors(result.fieldErrors ?? []);
      focusFirstError();
    }
  }

  const previewCurrent = preview?.key === specKey;
  const shownRobots = picker.items;
  const selectedElsewhere = robotIds.filter((id) => !shownRobots.some((r) => r.id === id));
  const allTags = [...new Set([...tags, ...extraTags])];
  const addTag = () => {
    const tag = newTag.trim();
    if (!tag) return;
    touch('target');
    if (!allTags.includes(tag)) setExtraTags([...extraTags, tag]);
    if (!tagSet.includes(tag)) setTagSet([...tagSet, tag]);
    setNewTag('');
  };
  const toggle = <T extends string>(list: T[], set: (v: T[]) => void, value: T, on: boolean) =>
    set(on ? [...list, value] : list.filter((v) => v !== value));
  const stepsError = errorFor('steps');

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <fieldset>
        <legend>What</legend>
        <div className={styles.grid}>
          <Field path="name" label="Name" error={errorFor('name')}>
            <input
              id={inputId('name')}
              value={name}
              maxLength={250}
              onChange={(e) => setName(e.target.value)}
              onBlur={() => touch('name')}
              aria-invalid={invalid('name')}
              aria-describedby={describedBy('name')}
              placeholder="e.g. lower τ on site A"
            />
          </Field>
          <Field path="policyVersionId" label="Policy version" error={errorFor('policyVersionId')}>
            <select
              id={inputId('policyVersionId')}
              value={policyVersionId}
              onChange={(e) => setPolicyVersionId(e.target.value)}
              onBlur={() => touch('policyVersionId')}
              aria-invalid={invalid('policyVersionId')}
              aria-describedby={describedBy('policyVersionId')}
            >
              <option value="">Choose a version…</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset aria-describedby={`target-count${errorFor('target') ? ` ${errorId('target')}` : ''}`}>
        <legend>Target robots (groups ∪ tags ∪ robots)</legend>
        <div className={styles.grid}>
          <CheckList legend="Groups" empty="No groups yet.">
            {groups.map((g) => (
              <label key={g.id}>
                <input
                  type="checkbox"
                  checked={groupIds.includes(g.id)}
                  onChange={(e) => {
                    touch('target');
                    toggle(groupIds, setGroupIds, g.id, e.target.checked);
                  }}
                />
                {g.name} ({g.robots})
              </label>
            ))}
          </CheckList>
          <CheckList legend="Tags" empty="No robot has a tag yet.">
            {allTags.map((tag) => (
              <label key={tag}>
                <input
                  type="checkbox"
                  checked={tagSet.includes(tag)}
                  onChange={(e) => {
                    touch('target');
                    toggle(tagSet, setTagSet, tag, e.target.checked);
                  }}
                />
                {tag}
              </label>
            ))}
          </CheckList>
        </div>
        <div className={styles.inlineAdd}>
          <div className={styles.field}>
            <label htmlFor="new-tag">Another tag</label>
            <input
              id="new-tag"
              value={newTag}
              onChange={(e) => setNewTag(e.target.value)}
              placeholder="e.g. hw.emmc-16g"
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addTag();
                }
              }}
            />
            <button type="button" className={styles.secondary} disabled={!newTag.trim()} onClick={addTag}>
              Add tag
            </button>
          </div>
        </div>
        <div className={styles.field}>
          <label htmlFor="robot-filter">Robots (search by name)</label>
          <input
            id="robot-filter"
            type="search"
            value={robotFilter}
            onChange={(e) => setRobotFilter(e.target.value)}
            placeholder="name"
          />
        </div>
        <CheckList
          legend="Robots"
          empty={robotFilter.trim() ? 'No robot matches the search.' : 'No robots yet.'}
        >
          {[...selectedElsewhere.map((id) => ({ id, name: robotNames.get(id) ?? id })), ...shownRobots].map(
            (r) => (
              <label key={r.id}>
                <input
                  type="checkbox"
                  checked={robotIds.includes(r.id)}
                  onChange={(e) => {
                    touch('target');
                    if (e.target.checked) setRobotNames(new Map(robotNames).set(r.id, r.name));
                    toggle(robotIds, setRobotIds, r.id, e.target.checked);
                  }}
                />
                {r.name}
              </label>
            ),
          )}
        </CheckList>
        <p className={styles.hint} id="robot-picker-status" role="status" aria-live="polite">
          {picker.error
            ? `Could not load robots: ${picker.error}`
            : `${shownRobots.length} of ${picker.total} robot${picker.total === 1 ? '' : 's'}${robotFilter.trim() ? ' matching' : ''} listed`}
          {picker.busy ? ' (loading…)' : ''}
          {robotIds.length ? ` · ${robotIds.length} picked` : ''}
        </p>
        {shownRobots.length < picker.total ? (
          <button type="button" className={styles.secondary} onClick={moreRobots} disabled={picker.busy}>
            Show more robots
          </button>
        ) : null}
        <fieldset className={styles.section}>
          <legend>
            Only robots whose agent reports (optional; narrows the robots above, or the whole fleet)
          </legend>
          <Field
            path="target.agentVersions"
            label="Agent versions (semver range)"
            error={errorFor('target.agentVersions')}
            hint='e.g. ">=0.4.0", "^0.4", "0.3.1 || 0.4.0"; robots that never reported are left out'
          >
            <input
              id={inputId('target.agentVersions')}
              aria-invalid={invalid('target.agentVersions')}
              aria-describedby={describedBy('target.agentVersions', hintId('target.agentVersions'))}
              value={agentVersions}
              onChange={(e) => {
                touch('target.agentVersions');
                setAgentVersions(e.target.value);
              }}
              placeholder="any version"
            />
          </Field>
          <div className={styles.grid}>
            <CheckList legend="Architecture" empty="">
              {ARCHES.map((arch) => (
                <label key={arch}>
                  <input
                    type="checkbox"
                    checked={archSet.includes(arch)}
                    onChange={(e) => {
                      touch('target');
                      toggle(archSet, setArchSet, arch, e.target.checked);
                    }}
                  />
                  {arch}
                </label>
              ))}
            </CheckList>
            <CheckList legend="Flash kind" empty="">
              {FLASH_KINDS.map((kind) => (
                <label key={kind}>
                  <input
                    type="checkbox"
                    checked={flashKindSet.includes(kind)}
                    onChange={(e) => {
                      touch('target');
                      toggle(flashKindSet, setFlashKindSet, kind, e.target.checked);
                    }}
                  />
                  {kind}
                </label>
              ))}
            </CheckList>
          </div>
        </fieldset>
        <p id="target-count" className={styles.count} role="status" aria-live="polite">
          {count.error
            ? `Could not count the matching robots: ${count.error}`
            : `${count.robots ?? 0} robot${count.robots === 1 ? '' : 's'} match${count.robots === 1 ? 'es' : ''}`}
          {!count.error && count.unreported ? ` · ${count.unreported} left out: agent never reported` : ''}
          {!count.error && count.notMatching
            ? ` · ${count.notMatching} left out: other agent version or hardware`
            : ''}
          {count.busy ? ' (updating…)' : ''}
        </p>
        <ErrorText path="target" error={errorFor('target')} />
      </fieldset>

      <fieldset>
        <legend>Steps (cumulative share of the target; the last is 100 %)</legend>
        {steps.map((step, index) => {
          const p = `steps.${index}.percent`;
          const b = `steps.${index}.bakeSeconds`;
          return (
            <div key={step.key} className={styles.stepRow}>
              <span className={styles.fieldLabel}>Step {index + 1}</span>
              <Field path={p} label="Percent" error={errorFor(p)}>
                <input
                  id={inputId(p)}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100}
                  value={step.percent}
                  onChange={(e) =>
                    setSteps(steps.map((s) => (s.key === step.key ? { ...s, percent: e.target.value } : s)))
                  }
                  onBlur={() => touch(p)}
                  aria-invalid={invalid(p)}
                  aria-describedby={describedBy(p)}
                />
              </Field>
              <Field path={b} label="Bake (seconds)" error={errorFor(b)}>
                <input
                  id={inputId(b)}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={step.bake}
                  onChange={(e) =>
                    setSteps(steps.map((s) => (s.key === step.key ? { ...s, bake: e.target.value } : s)))
                  }
                  onBlur={() => touch(b)}
                  aria-invalid={invalid(b)}
                  aria-describedby={describedBy(b)}
                />
              </Field>
              <button
                type="button"
                className={styles.secondary}
                disabled={steps.length === 1}
                aria-label={`Remove step ${index + 1}`}
                onClick={() => setSteps(steps.filter((s) => s.key !== step.key))}
              >
                Remove
              </button>
            </div>
          );
        })}
        <ErrorText path="steps" error={stepsError} />
        <button
          type="button"
          className={styles.secondary}
          disabled={steps.length >= 20}
          onClick={() => {
            const key = nextKey.current++;
            setSteps([...steps, { key, percent: '100', bake: steps.at(-1)?.bake ?? '1800' }]);
          }}
        >
          Add step
        </button>
      </fieldset>

      <fieldset>
        <legend>Health gates (checked when each step's bake ends)</legend>
        <div className={styles.grid}>
          {GATES.map((gate) => {
            const path = `gates.${gate.key}`;
            return (
              <Field key={gate.key} path={path} label={gate.label} error={errorFor(path)} hint={gate.hint}>
                <input
                  id={inputId(path)}
                  type="number"
                  step={gate.step}
                  min={0}
                  value={gates[gate.key] ?? ''}
                  onChange={(e) => setGates({ ...gates, [gate.key]: e.target.value })}
                  onBlur={() => touch(path)}
                  aria-invalid={invalid(path)}
                  aria-describedby={describedBy(path, hintId(path))}
                />
              </Field>
            );
          })}
          <Field path="onFailure" label="On a failed gate" hint="roll back every switched robot, or pause">
            <select
              id={inputId('onFailure')}
              value={onFailure}
              onChange={(e) => setOnFailure(e.target.value === 'pause' ? 'pause' : 'rollback')}
              aria-describedby={hintId('onFailure')}
            >
              <option value="rollback">Roll back</option>
              <option value="pause">Pause</option>
            </select>
          </Field>
          <Field
            path="rateLimitPerMinute"
            label="Rate limit (robots per minute)"
            error={errorFor('rateLimitPerMinute')}
            hint="empty: every robot of a step at once"
          >
            <input
              id={inputId('rateLimitPerMinute')}
              type="number"
              inputMode="numeric"
              min={1}
              value={rateLimit}
              onChange={(e) => setRateLimit(e.target.value)}
              onBlur={() => touch('rateLimitPerMinute')}
              aria-invalid={invalid('rateLimitPerMinute')}
              aria-describedby={describedBy('rateLimitPerMinute', hintId('rateLimitPerMinute'))}
            />
          </Field>
          <Field
            path="applyWindow.start"
            label="Apply window start (UTC)"
            error={errorFor('applyWindow.start') ?? errorFor('applyWindow')}
            hint="steps start only inside the window; empty: any time"
          >
            <input
              id={inputId('applyWindow.start')}
              type="time"
              value={windowStart}
              onChange={(e) => setWindowStart(e.target.value)}
              onBlur={() => touch('applyWindow.start')}
              aria-invalid={invalid('applyWindow.start')}
              aria-describedby={describedBy('applyWindow.start', hintId('applyWindow.start'))}
            />
          </Field>
          <Field
            path="applyWindow.end"
            label="Apply window end (UTC)"
            error={errorFor('applyWindow.end')}
            hint="may wrap past midnight (22:00 → 06:00)"
          >
            <input
              id={inputId('applyWindow.end')}
              type="time"
              value={windowEnd}
              onChange={(e) => setWindowEnd(e.target.value)}
              onBlur={() => touch('applyWindow.end')}
              aria-invalid={invalid('applyWindow.end')}
              aria-describedby={describedBy('applyWindow.end', hintId('applyWindow.end'))}
            />
          </Field>
          <Field
            path="inconclusiveDeadlineSeconds"
            label="Inconclusive deadline (seconds)"
            error={errorFor('inconclusiveDeadlineSeconds')}
            hint="after the bake, then pause"
          >
            <input
              id={inputId('inconclusiveDeadlineSeconds')}
              type="number"
              min={0}
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
              onBlur={() => touch('inconclusiveDeadlineSeconds')}
              aria-invalid={invalid('inconclusiveDeadlineSeconds')}
              aria-describedby={describedBy(
                'inconclusiveDeadlineSeconds',
                hintId('inconclusiveDeadlineSeconds'),
              )}
            />
          </Field>
        </div>
      </fieldset>

      {formError ? (
        <p role="alert" className={ui.alert}>
          {formError}
        </p>
      ) : null}

      <div className={styles.actions}>
        <label htmlFor="preview-window">Predict from</label>
        <select
          id="preview-window"
          value={previewWindow}
          onChange={(e) => setPreviewWindow(Number(e.target.value))}
        >
          {PREVIEW_WINDOWS.map((w) => (
            <option key={w.minutes} value={w.minutes}>
              {w.label}
            </option>
          ))}
        </select>
        <button type="button" className={styles.secondary} onClick={runPreview} disabled={busy !== undefined}>
          {busy === 'preview' ? 'Previewing…' : 'Preview impact'}
        </button>
        <button type="submit" disabled={!previewCurrent || busy !== undefined} aria-describedby="create-hint">
          {busy === 'create' ? 'Creating…' : 'Create draft'}
        </button>
        <span id="create-hint" className={styles.hint}>
          {previewCurrent
            ? 'Creates a draft; start it from its page.'
            : 'Preview the impact of this spec before creating it.'}
        </span>
      </div>

      {preview ? <PreviewTable preview={preview.data} stale={!previewCurrent} /> : null}
    </form>
  );
}

const inputId = (path: string) => `field-${path.replace(/\./g, '-')}`;
const errorId = (path: string) => `${inputId(path)}-error`;
const hintId = (path: string) => `${inputId(path)}-hint`;

function Field({
  path,
  label,
  error,
  hint,
  children,
}: {
  path: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={inputId(path)}>{label}</label>
      {children}
      {hint ? (
        <span id={hintId(path)} className={styles.hint}>
          {hint}
        </span>
      ) : null}
      <ErrorText path={path} error={error} />
    </div>
  );
}

function ErrorText({ path, error }: { path: string; error?: string }) {
  return error ? (
    <p id={errorId(path)} className={styles.error}>
      {error}
    </p>
  ) : null;
}

function CheckList({ legend, empty, children }: { legend: string; empty: string; children: ReactNode[] }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children.length ? (
        <div className={styles.checklist}>{children}</div>
      ) : (
        <p className={styles.hint}>{empty}</p>
      )}
    </fieldset>
  );
}

function PreviewTable({ preview, stale }: { preview: RolloutPreview; stale: boolean }) {
  return (
    <section aria-labelledby="preview-heading" className={styles.section}>
      <h2 id="preview-heading">Preview: predicted impact per cohort</h2>
      {stale ? (
        <p role="status" className={ui.alert}>
          The spec changed since this preview: preview again before creating.
        </p>
      ) : null}
      <p>
        {preview.targets} target robots
        {preview.unreported ? ` (${preview.unreported} left out: agent never reported)` : ''} · new τ{' '}
        {preview.policyVersion.tau.toFixed(2)} · model {preview.model.version} ({preview.model.task}) writes{' '}
        {(preview.model.writeRateAtNewTau * 100).toFixed(1)} % of steps at that τ
        {preview.model.successAtNewTau === null
          ? ''
          : ` with ${(preview.model.successAtNewTau * 100).toFixed(1)} % episode success`}{' '}
        (
        {preview.model.prediction === 'tau-curve'
          ? 'from its τ curve'
          : `simulated at both τ, writes only: ${preview.model.predictionNote ?? 'no τ curve'}`}
        ) · telemetry of the last {formatDuration(preview.windowMinutes * 60)} · flash-life target{' '}
        {formatDays(preview.lifeTargetDays)}
        {preview.cohortsProvisional
          ? ' · cohorts provisional (the real split is fixed when the draft exists)'
          : ''}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className={ui.tableScroll} aria-label="Preview per cohort" tabIndex={0}>
        <table>
          <TableHead
            columns={[
              'Step',
              'Share',
              'Robots',
              'With telemetry',
              'Writes / step now',
              'Predicted writes / step',
              'Model success now (τ curve)',
              'At the new τ',
              'Median flash life',
              'Shortest flash life',
              'Below target',
            ]}
          />
          <tbody>
            {preview.cohorts.map((c) => (
              <tr key={c.step}>
                <th scope="row">{c.step + 1}</th>
                <td>{c.percent} %</td>
                <td>{c.robots}</td>
                <td>{c.withData}</td>
                <td>{formatNumber(c.currentWritesPerStep)}</td>
                <td>{formatNumber(c.predictedWritesPerStep)}</td>
                <td>{formatPercent(c.currentSuccess)}</td>
                <td>
                  {formatPercent(c.predictedSuccess)}
                  {c.predictedSuccessChange === null ? '' : ` (${formatPoints(c.predictedSuccessChange)})`}
                </td>
                <td>{c.withData ? formatDays(c.medianProjectedLifeDays) : '—'}</td>
                <td>{c.withData ? formatDays(c.minProjectedLifeDays) : '—'}</td>
                <td>{c.belowTarget}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {preview.robotsWithoutData > 0 ? (
        <p className={styles.hint}>
          {preview.robotsWithoutData} robot{preview.robotsWithoutData === 1 ? '' : 's'} sent no telemetry in
          the window: counted, not predicted.
        </p>
      ) : null}
      {preview.robotsBelowTarget.length > 0 ? (
        <>
          <h3>Robots that would fall below the flash-life target</h3>
          <ul>
            {preview.robotsBelowTarget.map((r) => (
              <li key={r.robotId}>
                {r.name} (step {r.step + 1}): {formatDays(r.currentLifeDays)} now →{' '}
                {formatDays(r.projectedLifeDays)}, {formatNumber(r.predictedWritesPerStep)} writes per step
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
