import 'server-only';
import type { AutopilotProposal, AutopilotRecommendation } from '@aura/core/schemas';
import { hasRole } from '@aura/core/schemas';
import Link from 'next/link';
import { operatorApi } from '../session/current-session';
import { AutoRefresh } from '../ui/auto-refresh';
import { formatAgo, formatDays, formatPercent, formatPoints } from '../ui/format';
import { ApiErrorAlert, EmptyState } from '../ui/page-states';
import { TableHead } from '../ui/table-head';
import { TableScroll } from '../ui/table-scroll';
import styles from './autopilot.module.css';
import { binProjectedLives, targetBinLabel } from './bin-lives';
import { LifeDistributionChart } from './life-distribution-chart';
import { ProposalControls } from './proposal-controls';
import { RunNowButton } from './run-now-button';
import { AutopilotSettingsForm } from './settings-form';

const setting = (s: { tau: number; persistMode: string }) => `τ ${s.tau.toFixed(2)} · ${s.persistMode}`;
const STATUS: Record<AutopilotRecommendation['status'], string> = {
  change: 'change proposed',
  hold: 'hold',
  unreachable: 'target unreachable',
  'insufficient-data': 'not enough telemetry',
};

function RobotLink({ id, name }: { id: string; name: string | null }) {
  return <Link href={`/robots/${id}`}>{name ?? id.slice(0, 8)}</Link>;
}

/**
 * `/flash-life`: where every robot's flash is heading against its target, what the autopilot
 * recommends and proposes (with the predicted effect), its history, and its settings.
 */
export async function FlashLifePage() {
  const { api, session } = await operatorApi();
  const [status, recs, proposals, runs, groups] = await Promise.all([
    api.GET('/v1/autopilot'),
    api.GET('/v1/autopilot/recommendations', { params: { query: { limit: 500 } } }),
    api.GET('/v1/autopilot/proposals', { params: { query: { limit: 50 } } }),
    api.GET('/v1/autopilot/runs', { params: { query: { limit: 15 } } }),
    api.GET('/v1/groups'),
  ]);
  const s = status.data;
  const canAct = hasRole(session.role, 'operator');
  if (!s) {
    return (
      <section aria-labelledby="flash-heading">
        <h1 id="flash-heading">Flash life</h1>
        <ApiErrorAlert what="the autopilot" error={status.error} />
      </section>
    );
  }
  const items = recs.data?.items ?? [];
  const measured = items.filter((r) => r.current && r.status !== 'insufficient-data');
  const short = measured.filter((r) => r.belowTarget);
  const moves = items.filter((r) => r.step);
  const thin = items.filter((r) => r.status === 'insufficient-data');
  const target = s.settings.lifeTargetDays;
  const bins = binProjectedLives(
    measured.map((r) => ({ lifeDays: r.current?.lifeDays ?? null, short: r.belowTarget === true })),
    target,
  );
  const pending = (proposals.data?.items ?? []).filter((p) => p.status === 'pending');
  const groupNames = new Map((groups.data?.items ?? []).map((g) => [g.id, g.name]));

  return (
    <section aria-labelledby="flash-heading">
      <AutoRefresh seconds={30} />
      <h1 id="flash-heading">Flash life</h1>
      <div className={`card ${styles.status}`}>
        <p>
          Autopilot:{' '}
          <strong className={s.active ? styles.badgeOn : styles.badgeOff}>
            {s.active ? 'active' : 'inactive'}
          </strong>
          {s.inactiveReason ? ` — ${s.inactiveReason}` : ''}
        </p>
        <p>
          Model: {s.model.name ?? 'none'} (
          {s.model.curve === 'ok' ? 'τ curve loaded' : `τ curve ${s.model.curve}`})
        </p>
        <p>
          Target: {formatDays(target)} from enrolment
          {s.settings.groupTargets.length
            ? `; ${s.settings.groupTargets.map((g) => `${groupNames.get(g.groupId) ?? 'a group'} ${formatDays(g.lifeTargetDays)}`).join(', ')}`
            : ''}
        </p>
        <p>
          Last run: {s.lastRun ? `${formatAgo(s.lastRun.startedAt)} (${s.lastRun.outcome})` : 'never'}
          {s.nextRunAt ? ` · next ${new Date(s.nextRunAt).toISOString().slice(11, 16)} UTC` : ''}
        </p>
        {canAct ? <RunNowButton /> : null}
      </div>

      <div className={`tiles ${styles.section}`}>
        <Tile
          label="Robots measured"
          value={measured.length}
          hint={`${thin.length} without enough telemetry yet`}
        />
        <Tile
          label="Short of their target"
          value={short.length}
          alert={short.length > 0}
          hint="projected life below what the target still requires"
        />
        <Tile
          label="Moves recommended"
          value={moves.length}
          hint={`${s.recommendations.unreachable} unreachable, ${s.recommendations.hold} hold`}
        />
        <Tile
          label="Proposals waiting"
          value={s.proposals.pending}
          hint={s.proposals.oldestPendingAt ? `oldest ${formatAgo(s.proposals.oldestPendingAt)}` : 'none'}
        />
      </div>

      <section className={styles.section} aria-labelledby="dist-heading">
        <h2 id="dist-heading">Projected flash life against the target</h2>
        {measured.length === 0 ? (
          <EmptyState>
            No robot has enough telemetry for a projection yet
            {s.active ? '' : ' (or the autopilot has not run: enable it below)'}.
          </EmptyState>
        ) : (
          <figure className={`card ${styles.figure}`} data-chart="life-distribution">
            <LifeDistributionChart
              bins={bins}
              targetLabel={targetBinLabel(bins, target)}
              targetText={`target ${formatDays(target)}`}
            />
            <figcaption className={styles.caption}>
              {measured.length} robots: {short.length} short of their target, {measured.length - short.length}{' '}
              meeting it. Projected life = remaining endurance ÷ the measured wear rate under each robot’s
              current setting.
            </figcaption>
            <details className={styles.numbers}>
              <summary>Numbers ({bins.length} bins)</summary>
              <TableScroll label="Projected life distribution numbers">
                <table>
                  <TableHead columns={['Projected life', 'Short of target', 'Meeting it']} />
                  <tbody>
                    {bins.map((b) => (
                      <tr key={b.label}>
                        <td>{b.label}</td>
                        <td>{b.short}</td>
                        <td>{b.meets}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </details>
          </figure>
        )}
      </section>

      <section className={styles.section} aria-labelledby="short-heading">
        <h2 id="short-heading">Robots short of their target</h2>
        {short.length === 0 ? (
          <EmptyState>
            None{measured.length ? ': every measured robot’s flash outlasts its target.' : '.'}
          </EmptyState>
        ) : (
          <TableScroll label="Robots short of their target">
            <table>
              <caption>{short.length} robot(s), shortest projected life first</caption>
              <TableHead
                columns={['Robot', 'Now', 'Projected life', 'Required', 'Wear source', 'Autopilot']}
              />
              <tbody>
                {short.map((r) => (
                  <tr key={r.robotId}>
                    <td>
                      <RobotLink id={r.robotId} name={r.robotName} />
                    </td>
                    <td>{r.current ? setting(r.current) : '—'}</td>
                    <td className={styles.short}>{formatDays(r.current?.lifeDays)}</td>
                    <td>{formatDays(r.requiredLifeDays)}</td>
                    <td>{r.measured?.wearSource ?? '—'}</td>
                    <td>
                      {STATUS[r.status]}
                      {r.step ? ` → ${setting(r.step)}` : ''}
                      {r.status === 'unreachable' ? ` (best ${formatDays(r.bestAchievableLifeDays)})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className={styles.section} aria-labelledby="recs-heading">
        <h2 id="recs-heading">Recommendations and their predicted effect</h2>
        {moves.length === 0 ? (
          <EmptyState>No change recommended{items.length ? '.' : ' yet.'}</EmptyState>
        ) : (
          <TableScroll label="Recommendations">
            <table>
              <caption>{moves.length} robot(s) with a next move (one rollout’s worth)</caption>
              <TableHead columns={['Robot', 'Move', 'Life before → after', 'Success', 'Why']} />
              <tbody>
                {moves.map((r) => (
                  <tr key={r.robotId}>
                    <td>
                      <RobotLink id={r.robotId} name={r.robotName} />
                    </td>
                    <td>
                      {r.current ? setting(r.current) : '—'} → {setting(r.step!)}
                      {r.rolloutsToGoal > 1
                        ? ` (goal ${setting(r.goal!)}, ${r.rolloutsToGoal} rollouts)`
                        : ''}
                    </td>
                    <td>
                      {formatDays(r.current?.lifeDays)} → {formatDays(r.step!.lifeDays)}
                    </td>
                    <td>
                      {formatPercent(r.step!.successRate)} ({formatPoints(r.step!.successChange)})
                    </td>
                    <td className={styles.reason}>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {thin.length > 0 ? (
          <details className={styles.numbers}>
            <summary>{thin.length} robot(s) without a recommendation</summary>
            <ul>
              {thin.map((r) => (
                <li key={r.robotId}>
                  <RobotLink id={r.robotId} name={r.robotName} />: {r.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section className={styles.section} aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals</h2>
        {!proposals.data ? (
          <ApiErrorAlert what="the proposals" error={proposals.error} />
        ) : proposals.data.items.length === 0 ? (
          <EmptyState>The autopilot has proposed nothing yet.</EmptyState>
        ) : (
          <TableScroll label="Autopilot proposals">
            <table>
              <caption>
                {pending.length} waiting{s.settings.autoStart ? ' (auto-start is on)' : ' for an operator'}
                {'; newest first'}
              </caption>
              <TableHead
                columns={['Proposed', 'Setting', 'Robots', 'Predicted effect', 'Status', 'Rollout']}
              />
              <tbody>
                {proposals.data.items.map((p) => (
                  <ProposalRow key={p.id} p={p} canAct={canAct} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className={styles.section} aria-labelledby="history-heading">
        <h2 id="history-heading">Autopilot history</h2>
        {(runs.data?.items ?? []).length === 0 ? (
          <EmptyState>No run yet.</EmptyState>
        ) : (
          <TableScroll label="Autopilot runs">
            <table>
              <caption>
                Its rounds, newest first; every proposal and decision is also in the{' '}
                <Link href="/audit?targetType=autopilot_proposal">audit log</Link>
              </caption>
              <TableHead columns={['Started', 'Trigger', 'Outcome', 'What happened']} />
              <tbody>
                {(runs.data?.items ?? []).map((r) => (
                  <tr key={r.id}>
                    <td>{formatAgo(r.startedAt)}</td>
                    <td>{r.trigger}</td>
                    <td>{r.outcome}</td>
                    <td className={styles.reason}>{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className={styles.section} aria-labelledby="settings-heading">
        <h2 id="settings-heading">Targets and guard rails</h2>
        <div className="card">
          <AutopilotSettingsForm
            settings={s.settings}
            groups={(groups.data?.items ?? []).map((g) => ({ id: g.id, name: g.name }))}
            canEdit={canAct}
          />
          <p className={styles.hint}>
            Last changed{' '}
            {s.updatedAt ? `${formatAgo(s.updatedAt)} by ${s.updatedByName ?? 'someone'}` : 'never'}. How the
            autopilot decides, and where it can be wrong: docs/autopilot.md.
          </p>
        </div>
      </section>
    </section>
  );
}

function ProposalRow({ p, canAct }: { p: AutopilotProposal; canAct: boolean }) {
  return (
    <tr>
      <td>{formatAgo(p.createdAt)}</td>
      <td>{setting(p)}</td>
      <td>
        {p.robots}
        {p.belowTarget ? ` (${p.belowTarget} short)` : ''}
        <details>
          <summary>which</summary>
          <ul>
            {p.predicted.robots.map((r) => (
              <li key={r.robotId}>
                <RobotLink id={r.robotId} name={r.name} />:{' '}
                {setting({ tau: r.fromTau, persistMode: r.fromPersistMode })}, {formatDays(r.lifeBefore)} →{' '}
                {formatDays(r.lifeAfter)}
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td className={styles.reason}>
        shortest life {formatDays(p.predicted.minLifeBefore)} → {formatDays(p.predicted.minLifeAfter)}
        {'; success '}
        {formatPoints(p.predicted.meanSuccessChange)}
        {'; '}
        {p.predicted.reachingTarget} reach their target
      </td>
      <td>
        {p.status}
        {p.outcomeReason ? <span className={styles.reason}> — {p.outcomeReason}</span> : null}
        {p.decidedByName ? <span className={styles.reason}> ({p.decidedByName})</span> : null}
        {p.status === 'pending' && canAct ? (
          <ProposalControls id={p.id} robots={p.robots} setting={setting(p)} />
        ) : null}
      </td>
      <td>
        {p.rolloutId ? <Link href={`/rollouts/${p.rolloutId}`}>{p.rolloutStatus ?? 'open'}</Link> : '—'}
      </td>
    </tr>
  );
}

function Tile({
  label,
  value,
  hint,
  alert = false,
}: {
  label: string;
  value: number;
  hint: string;
  alert?: boolean;
}) {
  return (
    <div className="card">
      <div className="tile-label">{label}</div>
      <div className={`tile-value ${alert ? styles.tileAlert : ''}`}>{value.toLocaleString('en-US')}</div>
      <div className="tile-hint">{hint}</div>
    </div>
  );
}
