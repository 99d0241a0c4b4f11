import 'server-only';
import Link from 'next/link';
import { operatorApi } from '@/session/current-session';
import { AutoRefresh } from '@/ui/auto-refresh';
import { formatBytes, formatDays, formatPercent } from '@/ui/format';
import { ApiErrorAlert } from '@/ui/page-states';
import { controlPlaneStatus } from './control-plane-status';

/** Projected flash life below this is flagged when the autopilot's target cannot be read (5 years). */
const LIFE_TARGET_DAYS = 5 * 365;

/**
 * The fleet overview: one aggregate from the API (`GET /v1/fleet/summary`, against the flash-life
 * autopilot's target) plus the running rollouts and the autopilot's waiting proposals.
 */
export async function FleetOverview() {
  const { api } = await operatorApi();
  const autopilot = await api.GET('/v1/autopilot').catch(() => undefined);
  const lifeTargetDays = autopilot?.data?.settings.lifeTargetDays ?? LIFE_TARGET_DAYS;
  const [status, summary, rollouts] = await Promise.all([
    controlPlaneStatus(),
    api.GET('/v1/fleet/summary', {
      params: { query: { windowMinutes: 60, lifeTargetDays } },
    }),
    api.GET('/v1/rollouts', { params: { query: { status: 'running' } } }),
  ]);
  const s = summary.data;
  const ap = autopilot?.data;
  return (
    <section aria-labelledby="overview-heading">
      <AutoRefresh seconds={10} />
      <h1 id="overview-heading">Fleet overview</h1>
      {status.reachable && status.status !== 'ok' ? (
        <p role="alert" className="status-down">
          Control plane degraded: database {status.checks.database.status}, Redis {status.checks.redis.status}
          .
        </p>
      ) : null}
      {!s ? (
        <ApiErrorAlert what="the fleet summary" error={summary.error} />
      ) : (
        <>
          <div className="tiles">
            <Tile
              label="Robots online"
              value={s.robots.online.toLocaleString('en-US')}
              hint={`${s.robots.offline.toLocaleString('en-US')} offline (not seen for 60 s) of ${s.robots.total.toLocaleString('en-US')}`}
            />
            <Tile
              label="Fleet writes per hour"
              value={Math.round(s.window.writesPerHour).toLocaleString('en-US')}
              hint={`last hour, ${s.robots.reporting.toLocaleString('en-US')} robots reporting`}
            />
            <Tile
              label="Writes per step"
              value={formatPercent(s.window.writesPerStep)}
              hint="always-write would be 100 %"
            />
            <Tile
              label="Write reduction vs always-write"
              value={s.window.writes > 0 ? `${(s.window.steps / s.window.writes).toFixed(1)}×` : '—'}
              hint="steps ÷ writes, last hour"
            />
            <Tile
              label="Memory per robot"
              value={formatBytes(s.memory.stateBytesPerRobot)}
              hint={
                s.memory.maxKvEquivalentBytes > 0
                  ? `constant; the KV-cache it replaces would hold ${formatBytes(s.memory.maxKvEquivalentBytes)} by now on the longest-running robot (${(s.memory.maxKvEquivalentBytes / s.memory.stateBytesPerRobot).toLocaleString('en-US', { maximumFractionDigits: 1 })}×)`
                  : 'constant for any horizon'
              }
            />
            <Tile
              label="Projected flash life (median / worst)"
              value={
                s.robots.reporting > 0
                  ? `${formatDays(s.flashLife.medianDays)} / ${formatDays(s.flashLife.worstDays)}`
                  : '—'
              }
              hint="remaining endurance ÷ the last hour's wear rate"
            />
            <Tile
              label="Robots below the life target"
              value={s.flashLife.belowTarget.toLocaleString('en-US')}
              hint={`projected life under ${formatDays(s.flashLife.lifeTargetDays)}`}
              alert={s.flashLife.belowTarget > 0}
            />
            <Tile
              label="Flash wear used (median / worst)"
              value={
                s.wear.medianFraction !== null
                  ? `${formatPercent(s.wear.medianFraction, 3)} / ${formatPercent(s.wear.worstFraction, 3)}`
                  : '—'
              }
              hint={
                s.wear.worstDeviceFraction !== null
                  ? `estimated; worst device-reported ${formatPercent(s.wear.worstDeviceFraction, 0)}`
                  : 'of rated endurance, estimated (no device reports wear)'
              }
            />
          </div>
          <section aria-labelledby="flash-life-heading" className="card overview-section">
            <h2 id="flash-life-heading">Flash life</h2>
            <p>
              <Link href="/flash-life">Flash life and the autopilot</Link>: projected life of every robot
              against the target, recommendations and proposals.{' '}
              {ap
                ? ap.active
                  ? `Autopilot active; ${ap.proposals.pending} proposal(s) waiting, ${ap.recommendations.change} move(s) recommended.`
                  : `Autopilot inactive: ${ap.inactiveReason ?? 'off'}.`
                : ''}
            </p>
          </section>
          {s.flashLife.worst.length > 0 ? (
            <section aria-labelledby="worst-heading" className="card overview-section">
              <h2 id="worst-heading">Shortest projected flash life</h2>
              <ol>
                {s.flashLife.worst.map((robot) => (
                  <li key={robot.robotId}>
                    <Link href={`/robots/${robot.robotId}`}>{robot.name}</Link>:{' '}
                    {formatDays(robot.projectedLifeDays)}
                    {robot.projectedLifeDays < s.flashLife.lifeTargetDays ? (
                      <span className="status-down"> (below target)</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </>
      )}
      <section aria-labelledby="active-rollouts-heading" className="card overview-section">
        <h2 id="active-rollouts-heading">Active rollouts</h2>
        {rollouts.error ? (
          <ApiErrorAlert what="rollouts" error={rollouts.error} />
        ) : rollouts.data && rollouts.data.items.length > 0 ? (
          <ul>
            {rollouts.data.items.map((rollout) => (
              <li key={rollout.id}>
                <Link href={`/rollouts/${rollout.id}`}>{rollout.name}</Link>: step {rollout.currentStep + 1}{' '}
                of {rollout.spec.steps.length}
                {rollout.statusReason ? ` — ${rollout.statusReason}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>No rollout is running.</p>
        )}
      </section>
    </section>
  );
}

function Tile({
  label,
  value,
  hint,
  alert,
}: {
  label: string;
  value: string;
  hint: string;
  alert?: boolean;
}) {
  return (
    <div className="card tile">
      <div className="tile-label">{label}</div>
      <div className={alert ? 'tile-value status-down' : 'tile-value'}>{value}</div>
      <div className="tile-hint">{hint}</div>
    </div>
  );
}
