import 'server-only';
import {
  ACTIVE_ROLLOUT_STATUSES,
  hasRole,
  ROLLOUT_ROBOT_STATES,
  ROLLOUT_VERBS_BY_STATUS,
  type RolloutStatus,
} from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { AutoRefresh } from '../ui/auto-refresh';
import { formatPercent } from '../ui/format';
import { Pager, pageParam } from '../ui/pager';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import ui from '../ui/ui.module.css';
import { loadGroups, loadPolicyVersions } from './catalog';
import {
  describeTarget,
  formatDateTime,
  formatDays,
  formatDuration,
  formatNumber,
  STATE_LABEL,
  STATUS_LABEL,
} from './format';
import { RolloutsAlert, StatusBadge } from './page-states';
import styles from './rollouts.module.css';
import type { RolloutDetail, RolloutVerdict } from './types';
import { VerbControls } from './verb-controls';

/** Robots per page of the per-robot table (the API pages it). */
const MEMBERS_PAGE = 100;

/** `/rollouts/[id]`: live progress per step and robot, verdicts with their numbers, verbs, reverts. */
export async function RolloutDetailPage({
  id,
  filter = {},
}: {
  id: string;
  /** Narrows the per-robot table (links from the step table's counts). */
  filter?: { step?: string; state?: string; page?: string };
}) {
  const { api, session } = await operatorApi();
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const state = ROLLOUT_ROBOT_STATES.find((s) => s === filter.state);
  const step = /^\d{1,2}$/.test(filter.step ?? '') ? Number(filter.step) : undefined;
  const filtered = state !== undefined || step !== undefined;
  const page = pageParam(filter.page);
  const membersHref = (p: number) => {
    const query = new URLSearchParams({
      ...(step !== undefined ? { step: String(step) } : {}),
      ...(state ? { state } : {}),
      page: String(p),
    });
    return `/rollouts/${id}?${query}#robots`;
  };
  const [detail, members, policies, groups] = valid
    ? await Promise.all([
        api.GET('/v1/rollouts/{id}', { params: { path: { id } } }).catch(() => undefined),
        api
          .GET('/v1/rollouts/{id}/robots', {
            params: {
              path: { id },
              query: {
                limit: MEMBERS_PAGE,
                offset: (page - 1) * MEMBERS_PAGE,
                ...(state ? { state } : {}),
                step,
              },
            },
          })
          .catch(() => undefined),
        loadPolicyVersions(api).catch(() => undefined),
        loadGroups(api).catch(() => undefined),
      ])
    : [undefined, undefined, undefined, undefined];
  const rollout = detail?.data;
  if (!rollout) {
    const notFound = !valid || detail?.response.status === 404;
    return (
      <section aria-labelledby="rollout-heading">
        <h1 id="rollout-heading">Rollout</h1>
        <RolloutsAlert>
          {notFound
            ? 'No such rollout.'
            : `Could not load the rollout: ${detail?.error?.error.message ?? 'the API did not answer'}`}
        </RolloutsAlert>
        <p>
          <Link href="/rollouts">All rollouts</Link>
        </p>
      </section>
    );
  }
  const spec = rollout.spec;
  const groupNames = new Map((groups?.groups ?? []).map((g) => [g.id, g.name]));
  const version = policies?.versions.get(rollout.policyVersionId);
  const canAct = hasRole(session.role, 'operator');
  const live =
    rollout.status === 'draft' ||
    (ACTIVE_ROLLOUT_STATUSES as readonly RolloutStatus[]).includes(rollout.status) ||
    rollout.revert.confirmed < rollout.revert.reverted;
  const total = rollout.steps.reduce(
    (sum, step) => sum + Object.values(step.robots).reduce((a, b) => a + b, 0),
    0,
  );
  const ended = rollout.status === 'aborted' || rollout.status === 'rolled_back';
  return (
    <section aria-labelledby="rollout-heading">
      {live ? <AutoRefresh seconds={3} /> : null}
      <p>
        <Link href="/rollouts">← All rollouts</Link>
      </p>
      <div className={styles.header}>
        <h1 id="rollout-heading">{rollout.name}</h1>
        <StatusBadge status={rollout.status} label={STATUS_LABEL[rollout.status]} />
      </div>
      {rollout.statusReason ? (
        <p id="status-reason" className={styles.reason}>
          {rollout.statusReason}
        </p>
      ) : null}
      {canAct ? (
        <VerbControls rolloutId={rollout.id} verbs={ROLLOUT_VERBS_BY_STATUS[rollout.status]} />
      ) : (
        <p className={styles.muted}>Read-only: your role ({session.role}) may not change rollouts.</p>
      )}
      <dl className={styles.facts}>
        <dt>Policy version</dt>
        <dd>{version?.label ?? rollout.policyVersionId}</dd>
        <dt>Target</dt>
        <dd>
          {describeTarget(spec.target, groupNames)}
          {rollout.status !== 'draft' ? ` — ${total} robots` : ''}
        </dd>
        <dt>Current step</dt>
        <dd>
          {rollout.currentStep >= 0
            ? `${rollout.currentStep + 1} of ${rollout.steps.length}`
            : `not started (${rollout.steps.length} steps)`}
          {rollout.status === 'running' && rollout.evaluateAfter
            ? ` · next evaluation ${formatDateTime(rollout.evaluateAfter)}`
            : ''}
        </dd>
        <dt>Health gates</dt>
        <dd>
          write rate +{formatPercent(spec.gates?.maxWriteRateIncrease, 0)} max · success rate −
          {formatPercent(spec.gates?.maxSuccessRateDrop, 0)} max · flash life ≥{' '}
          {formatDays(spec.gates?.minProjectedFlashLifeDays)} · ≥ {spec.gates?.minRobotsPerCohort} robots and
          ≥ {formatNumber(spec.gates?.minSamplesPerCohort, 0)} steps per cohort · on failure {spec.onFailure}
        </dd>
        <dt>Delivery</dt>
        <dd id="delivery">
          {spec.rateLimitPerMinute ? `${spec.rateLimitPerMinute} robots per minute` : 'a whole step at once'}{' '}
          ·{' '}
          {spec.applyWindow
            ? `steps start between ${spec.applyWindow.start} and ${spec.applyWindow.end} UTC`
            : 'steps start at any time'}
        </dd>
        <dt>Created</dt>
        <dd>
          {formatDateTime(rollout.createdAt)} by {rollout.createdByName ?? 'unknown'}
        </dd>
        <dt>Started / ended</dt>
        <dd>
          {formatDateTime(rollout.startedAt)} / {formatDateTime(rollout.endedAt)}
        </dd>
      </dl>

      <h2 className={styles.section}>Progress per step</h2>
      <StepTable rollout={rollout} />

      {ended || rollout.revert.reverted > 0 ? (
        <div className={styles.section}>
          <h2>Revert</h2>
          <p id="revert-summary">
            {rollout.revert.reverted} robot{rollout.revert.reverted === 1 ? '' : 's'} returned to their
            previous version · {rollout.revert.confirmed} confirmed (acknowledged the reverted config)
            {rollout.revert.confirmed < rollout.revert.reverted
              ? ' · the rest get it when they next poll'
              : ''}
          </p>
        </div>
      ) : null}

      <h2 className={styles.section}>Health verdicts</h2>
      {rollout.verdicts.length === 0 ? (
        <p className={ui.empty}>
          No verdict yet: each step is evaluated when its bake ends
          {rollout.steps[rollout.currentStep]
            ? ` (${formatDuration(rollout.steps[rollout.currentStep]?.bakeSeconds ?? 0)} here)`
            : ''}
          .
        </p>
      ) : (
        [...rollout.verdicts].reverse().map((verdict) => <Verdict key={verdict.id} verdict={verdict} />)
      )}

      <h2 className={styles.section} id="robots">
        Robots
      </h2>
      {filtered ? (
        <p>
          Showing {step !== undefined ? `step ${step + 1}` : 'every step'}
          {state ? `, ${STATE_LABEL[state]}` : ''} ·{' '}
          <Link href={`/rollouts/${rollout.id}#robots`}>show all</Link>
        </p>
      ) : null}
      {!members?.data ? (
        <RolloutsAlert>
          Could not load the robots: {members?.error?.error.message ?? 'the API did not answer'}
        </RolloutsAlert>
      ) : members.data.total === 0 ? (
        <p className={ui.empty}>
          {filtered ? 'No robot matches.' : 'No robots yet: cohorts are assigned when the rollout starts.'}
        </p>
      ) : (
        <details className={styles.details} open={filtered || page > 1}>
          <summary>
            Per-robot states ({members.data.total} robot{members.data.total === 1 ? '' : 's'}
            {members.data.total > MEMBERS_PAGE
              ? `, ${(page - 1) * MEMBERS_PAGE + 1}–${(page - 1) * MEMBERS_PAGE + members.data.items.length} shown`
              : ''}
            )
          </summary>
          <TableScroll label="Per-robot states">
            <table>
              <TableHead columns={['Robot', 'Step', 'State', 'Reason', 'Config', 'Revert', 'Updated']} />
              <tbody>
                {members.data.items.map((m) => (
                  <tr key={m.robotId} data-state={m.state}>
                    <td>{m.name}</td>
                    <td>{m.stepIndex + 1}</td>
                    <td>{STATE_LABEL[m.state] ?? m.state}</td>
                    <td className={styles.wrap}>{m.stateReason ?? ''}</td>
                    <td>{m.configVersion === null ? '—' : `v${m.configVersion}`}</td>
                    <td>
                      {m.revertConfigVersion === null
                        ? '—'
                        : `v${m.revertConfigVersion} ${m.revertConfirmed ? 'confirmed' : 'not yet confirmed'}`}
                    </td>
                    <td>{formatDateTime(m.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pager
            page={page}
            pageSize={MEMBERS_PAGE}
            total={members.data.total}
            href={membersHref}
            label="Per-robot pages"
          />
        </details>
      )}
    </section>
  );
}

function StepTable({ rollout }: { rollout: RolloutDetail }) {
  return (
    <TableScroll label="Progress per step">
      <table>
        <caption>Robots per step (cohort) by state</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Share</th>
            <th scope="col">Bake</th>
            {ROLLOUT_ROBOT_STATES.map((state) => (
              <th scope="col" key={state}>
                {STATE_LABEL[state]}
              </th>
            ))}
            <th scope="col">Robots</th>
          </tr>
        </thead>
        <tbody>
          {rollout.steps.map((step) => {
            const current = step.index === rollout.currentStep && rollout.status !== 'draft';
            const count = Object.values(step.robots).reduce((a, b) => a + b, 0);
            return (
              <tr
                key={step.index}
                className={current ? styles.current : undefined}
                aria-current={current ? 'step' : undefined}
              >
                <th scope="row">
                  {step.index + 1}
                  {current ? ' (current)' : ''}
                </th>
                <td>{step.percent} %</td>
                <td>{formatDuration(step.bakeSeconds)}</td>
                {ROLLOUT_ROBOT_STATES.map((state) => (
                  <td
                    key={state}
                    data-state={state}
                    className={step.robots[state] ? styles.nonzero : styles.zero}
                  >
                    {step.robots[state] ? (
                      <Link
                        href={`/rollouts/${rollout.id}?step=${step.index}&state=${state}#robots`}
                        aria-label={`${step.robots[state]} ${STATE_LABEL[state]} in step ${step.index + 1}: list them`}
                      >
                        {step.robots[state]}
                      </Link>
                    ) : (
                      0
                    )}
                  </td>
                ))}
                <td>{count}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

type CohortNumbers = RolloutVerdict['numbers']['cohort'];

function Verdict({ verdict }: { verdict: RolloutVerdict }) {
  const numbers = verdict.numbers;
  const reference = verdict.comparison === 'control' ? 'Control' : 'Baseline (pre-rollout)';
  const rows: [string, (s: CohortNumbers) => string][] = [
    ['Write rate (writes per step)', (s) => formatPercent(s.writeRate, 2)],
    ['Success rate', (s) => formatPercent(s.successRate, 1)],
    ['Shortest projected flash life', (s) => formatDays(s.minProjectedLifeDays)],
    // samples: the steps the gate counted (each robot up to twice the median robot); older verdicts
    // stored only the raw sum
    ['Samples (steps counted)', (s) => formatNumber(s.samples ?? s.steps, 0)],
    ['Steps reported', (s) => formatNumber(s.steps, 0)],
    ['Robots reporting', (s) => `${s.reporting} of ${s.robots}`],
  ];
  return (
    <article className={`card ${styles.verdict}`} aria-label={`Step ${verdict.stepIndex + 1} verdict`}>
      <h3>
        Step {verdict.stepIndex + 1}:{' '}
        <span className={`${styles.badge} ${styles[verdict.result] ?? ''}`}>{verdict.result}</span>{' '}
        <span className={styles.muted}>
          vs {verdict.comparison === 'control' ? 'control cohort' : 'own baseline'} ·{' '}
          {formatDateTime(verdict.createdAt)}
        </span>
      </h3>
      <p>{verdict.reason}</p>
      <TableScroll label={`Step ${verdict.stepIndex + 1} verdict numbers`}>
        <table>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Cohort</th>
              <th scope="col">{reference}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, show]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{show(numbers.cohort)}</td>
                <td>{show(numbers.reference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className={styles.muted}>
        Write-rate change {formatSigned(numbers.writeRateIncrease)} · success-rate drop{' '}
        {formatPercent(numbers.successRateDrop, 1)} · unreachable robots {numbers.unreachable}
      </p>
    </article>
  );
}

function formatSigned(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
}
