import Link from 'next/link';
import { versionName } from '@/policies/policy-types';
import { formatAgo, formatBytes } from '@/ui/format';
import { ApiErrorAlert, EmptyState } from '@/ui/page-states';
import { TableScroll } from '@/ui/table-scroll';
import { DecommissionControl } from './decommission-control';
import type { loadRobotDetail } from './load-robot-detail';
import { formatDaysLeft, projectWear } from './project-wear';
import { RobotAgentCard } from './robot-agent-card';
import styles from './robot-detail.module.css';
import { RobotRolloutHistory } from './robot-rollout-history';
import { SeriesFigure } from './series-figure';
import { SERIES_WINDOWS, type SeriesWindow } from './series-windows';

type Detail = Awaited<ReturnType<typeof loadRobotDetail>>;

const BLUE = '#1e3a8a';
const HARDWARE_LABELS: Record<string, string> = {
  model: 'Model',
  storage: 'Storage',
  storageCapacityBytes: 'Storage capacity',
  agentVersion: 'Agent version',
};
const AMBER = '#b45309';

/** The robot detail page: identity, agent report, policy (applied vs desired), telemetry charts, rollout history. */
export function RobotDetail({ detail, window }: { detail: Detail; window: SeriesWindow }) {
  const { robot: robotResult, series, rollouts, from, to, canDecommission } = detail;
  if (!robotResult.data) {
    return (
      <section aria-labelledby="robot-heading">
        <h1 id="robot-heading">Robot</h1>
        {robotResult.response.status === 404 ? (
          <p role="alert" className="status-down">
            No robot with this id. <Link href="/robots">Back to robots</Link>
          </p>
        ) : (
          <ApiErrorAlert what="this robot" error={robotResult.error} />
        )}
      </section>
    );
  }
  const robot = robotResult.data;
  const applied = robot.appliedPolicy;
  const desired = robot.desiredPolicy;
  const latest = robot.latestTelemetry;
  const hardware = Object.entries(robot.hardware ?? {});
  return (
    <section aria-labelledby="robot-heading">
      <div className={styles.header}>
        <h1 id="robot-heading">{robot.name}</h1>
        {robot.decommissionedAt ? (
          <span className="status-down">decommissioned</span>
        ) : (
          <span className={robot.status === 'online' ? 'status-up' : 'status-down'}>{robot.status}</span>
        )}
        <span>last seen {formatAgo(robot.lastSeenAt)}</span>
        {canDecommission && !robot.decommissionedAt ? (
          <DecommissionControl robotId={robot.id} robotName={robot.name} />
        ) : null}
      </div>
      <p>
        <Link href="/robots">← All robots</Link>
      </p>
      {robot.decommissionedAt ? (
        <p role="status" className="status-down">
          Decommissioned {formatAgo(robot.decommissionedAt)} ({robot.decommissionedAt}): its secret is refused
          and rollouts leave it out. The reason is in the{' '}
          <Link href="/audit?targetType=robot">audit log</Link> (robot.decommission).
        </p>
      ) : null}

      <div className={styles.facts}>
        <div className="card">
          <h2>Robot</h2>
          <dl>
            <dt>Id</dt>
            <dd>
              <code>{robot.id}</code>
            </dd>
            <dt>Enrolled</dt>
            <dd title={robot.enrolledAt}>{formatAgo(robot.enrolledAt)}</dd>
            <dt>Last seen</dt>
            <dd title={robot.lastSeenAt ?? undefined}>{formatAgo(robot.lastSeenAt)}</dd>
            <dt>Tags</dt>
            <dd>
              {robot.tags.length ? (
                <ul className={styles.tags} aria-label="Tags">
                  {robot.tags.map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              ) : (
                'none'
              )}
            </dd>
            <dt>Groups</dt>
            <dd>
              {robot.groups.length
                ? robot.groups.map((g, i) => (
                    <span key={g.id}>
                      {i > 0 ? ', ' : ''}
                      <Link href={`/robots?groupId=${g.id}`}>{g.name}</Link>
                    </span>
                  ))
                : 'none'}
            </dd>
          </dl>
        </div>
        <div className="card">
          <h2>Hardware</h2>
          {hardware.length ? (
            <dl>
              {hardware.map(([key, value]) => (
                <div key={key} style={{ display: 'contents' }}>
                  <dt>{HARDWARE_LABELS[key] ?? key}</dt>
                  <dd>
                    {key === 'storageCapacityBytes' && typeof value === 'number'
                      ? formatBytes(value)
                      : String(value)}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p>Not reported.</p>
          )}
        </div>
        <RobotAgentCard agent={robot.agent} />
        <div className="card">
          <h2>Gate policy</h2>
          <dl>
            <dt>Applied</dt>
            <dd data-testid="applied-policy">
              {applied ? (
                <Link href={`/policies/${applied.policyId}`}>{versionName(applied)}</Link>
              ) : (
                'none acknowledged yet'
              )}
              {applied ? ` · τ ${applied.tau.toFixed(2)}` : ''} (config v{robot.appliedConfigVersion})
            </dd>
            <dt>Desired</dt>
            <dd data-testid="desired-policy">
              {desired ? <Link href={`/policies/${desired.policyId}`}>{versionName(desired)}</Link> : 'none'}
              {desired ? ` · τ ${desired.tau.toFixed(2)}` : ''} (config v{robot.desiredConfigVersion})
              {robot.desiredConfigVersion !== robot.appliedConfigVersion ? (
                <span className={styles.pending}> · not applied yet</span>
              ) : null}
            </dd>
            <dt>τ reported</dt>
            <dd>{latest?.tau?.toFixed(2) ?? '—'}</dd>
          </dl>
        </div>
      </div>

      <h2 id="telemetry-heading">Telemetry</h2>
      <nav aria-label="Time window" className={styles.windows}>
        <span>Window:</span>
        {(Object.keys(SERIES_WINDOWS) as SeriesWindow[]).map((key) => (
          <Link
            key={key}
            href={`/robots/${robot.id}?window=${key}`}
            aria-current={key === window ? 'page' : undefined}
            scroll={false}
          >
            {SERIES_WINDOWS[key].label}
          </Link>
        ))}
      </nav>
      {series.error ? (
        <ApiErrorAlert what="the telemetry series" error={series.error} />
      ) : (
        <TelemetryCharts
          points={series.data?.points ?? []}
          from={from}
          to={to}
          window={window}
          deviceWearSource={latest?.deviceWear?.source}
          everReported={robot.lastSeq > 0}
        />
      )}

      <h2 id="rollouts-heading">Rollout history</h2>
      {rollouts.error ? (
        <ApiErrorAlert what="the rollout history" error={rollouts.error} />
      ) : (
        <RobotRolloutHistory items={rollouts.data?.items ?? []} />
      )}

      <h2 id="configs-heading">Config history</h2>
      {robot.configs.length === 0 ? (
        <EmptyState>No config issued yet.</EmptyState>
      ) : (
        <TableScroll label="Config history">
          <table>
            <caption>Newest first, the last {robot.configs.length}</caption>
            <thead>
              <tr>
                <th scope="col">Config</th>
                <th scope="col">Policy version</th>
                <th scope="col">Issued</th>
                <th scope="col">Delivered</th>
                <th scope="col">Acknowledged</th>
                <th scope="col">Rollout</th>
              </tr>
            </thead>
            <tbody>
              {robot.configs.map((c) => (
                <tr key={c.version}>
                  <td>v{c.version}</td>
                  <td>{versionName(c.policyVersion)}</td>
                  <td title={c.issuedAt}>{formatAgo(c.issuedAt)}</td>
                  <td>{c.deliveredAt ? formatAgo(c.deliveredAt) : '—'}</td>
                  <td>
                    {c.ackStatus ? `${c.ackStatus} ${formatAgo(c.ackedAt)}` : '—'}
                    {c.ackReason ? ` (${c.ackReason})` : ''}
                  </td>
                  <td>
                    {c.rolloutId ? <Link href={`/rollouts/${c.rolloutId}`}>rollout</Link> : 'fleet default'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

type Point = NonNullable<Detail['series']['data']>['points'][number];

function TelemetryCharts({
  points,
  from,
  to,
  window,
  deviceWearSource,
  everReported,
}: {
  points: Point[];
  from: number;
  to: number;
  window: SeriesWindow;
  deviceWearSource: string | undefined;
  everReported: boolean;
}) {
  if (points.length === 0) {
    return (
      <EmptyState>
        {everReported
          ? `No telemetry in the last ${SERIES_WINDOWS[window].label}. Pick a longer window.`
          : 'No telemetry yet: this robot has not reported a window. Charts appear after its first upload.'}
      </EmptyState>
    );
  }
  const rows = points.map((p) => ({
    t: Date.parse(p.bucket),
    writesPerStep: p.writesPerStep,
    tau: p.tau,
    successRate: p.successRate,
    flashBytes: p.flashBytes,
    wear: p.maxWearFraction,
    deviceWear: p.maxDeviceWear,
  }));
  const measured = rows.some((r) => r.deviceWear !== null);
  const projection = projectWear(rows.map((r) => ({ t: r.t, wear: r.wear })));
  const wearNote = [
    projection
      ? projection.daysLeft === null
        ? 'Estimated wear did not grow in this window.'
        : `At this window's pace (${(projection.perDay * 100).toPrecision(2)} % a day) the estimate reaches 100 % of rated endurance in ${formatDaysLeft(projection.daysLeft)}.`
      : 'Too few points to project.',
    measured
      ? `Measured wear is what the device itself reports${deviceWearSource ? ` (${deviceWearSource})` : ''}.`
      : 'This robot reports no measured device wear.',
  ].join(' ');
  return (
    <div className={styles.charts}>
      <SeriesFigure
        id="chart-write-rate"
        title="Write rate (writes per step)"
        rows={rows}
        lines={[{ key: 'writesPerStep', label: 'Writes per step', color: BLUE }]}
        format="percent"
        from={from}
        to={to}
        note="Always-write would be 100 %."
      />
      <SeriesFigure
        id="chart-tau"
        title="Gate threshold τ"
        rows={rows}
        lines={[{ key: 'tau', label: 'τ', color: AMBER }]}
        format="fraction"
        from={from}
        to={to}
      />
      <SeriesFigure
        id="chart-success"
        title="Episode success rate"
        rows={rows}
        lines={[{ key: 'successRate', label: 'Success rate', color: '#166534' }]}
        format="percent"
        from={from}
        to={to}
      />
      <SeriesFigure
        id="chart-flash"
        title="Flash bytes written"
        rows={rows}
        lines={[{ key: 'flashBytes', label: 'Bytes written', color: '#6b21a8' }]}
        format="bytes"
        from={from}
        to={to}
        note={`Per ${formatBucketSize(SERIES_WINDOWS[window].bucketSeconds)}.`}
      />
      <SeriesFigure
        id="chart-wear"
        title="Flash wear (of rated endurance)"
        rows={rows}
        lines={[
          { key: 'wear', label: 'Estimated (model)', color: BLUE },
          ...(measured
            ? [{ key: 'deviceWear', label: 'Measured (device)', color: '#b91c1c', dashed: true, step: true }]
            : []),
        ]}
        format="wear"
        from={from}
        to={to}
        note={wearNote}
      />
    </div>
  );
}

function formatBucketSize(seconds: number) {
  return seconds >= 3600 ? `${seconds / 3600} h` : `${seconds / 60} min`;
}
