import { controlPlaneStatus } from '@/fleet/control-plane-status';
import { operatorApi } from '@/session/current-session';
import { AutoRefresh } from '@/ui/auto-refresh';
import { formatBytes, formatPercent } from '@/ui/format';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Fleet overview · AURA Fleet' };

const AURA_STATE_BYTES = 4224; // (32·32 + 32) floats · 4 B, constant for any horizon

export default async function OverviewPage() {
  const { api } = await operatorApi();
  const [status, online, offline, series, all, rollouts] = await Promise.all([
    controlPlaneStatus(),
    api.GET('/v1/robots', { params: { query: { status: 'online', limit: 1 } } }),
    api.GET('/v1/robots', { params: { query: { status: 'offline', limit: 1 } } }),
    api.GET('/v1/fleet/series', { params: { query: { bucketSeconds: 300 } } }),
    api.GET('/v1/robots', { params: { query: { limit: 500, sort: 'lastSeenAt', order: 'desc' } } }),
    api.GET('/v1/rollouts', { params: { query: { status: 'running' } } }),
  ]);
  const points = series.data?.points ?? [];
  const steps = points.reduce((sum, p) => sum + p.steps, 0);
  const writes = points.reduce((sum, p) => sum + p.writes, 0);
  const hours = series.data ? (Date.parse(series.data.to) - Date.parse(series.data.from)) / 3_600_000 : 1;
  const robots = all.data?.items ?? [];
  const latest = robots
    .map((r) => r.latestTelemetry as { kvEquivalentBytes?: number; wearFraction?: number } | null)
    .filter((t): t is { kvEquivalentBytes?: number; wearFraction?: number } => t !== null);
  const kvMax = Math.max(0, ...latest.map((t) => t.kvEquivalentBytes ?? 0));
  const wear = latest.map((t) => t.wearFraction ?? 0).sort((a, b) => a - b);
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
      <div className="tiles">
        <Tile
          label="Robots online"
          value={String(online.data?.total ?? '—')}
          hint={`${offline.data?.total ?? '—'} offline`}
        />
        <Tile
          label="Fleet writes per hour"
          value={Math.round(writes / hours).toLocaleString('en-US')}
          hint="last hour"
        />
        <Tile
          label="Writes per step"
          value={formatPercent(steps ? writes / steps : null)}
          hint="always-write would be 100 %"
        />
        <Tile
          label="Write reduction vs always-write"
          value={steps && writes ? `${(steps / writes).toFixed(1)}×` : '—'}
          hint="steps ÷ writes, last hour"
        />
        <Tile
          label="Memory per robot"
          value={formatBytes(AURA_STATE_BYTES)}
          hint={
            kvMax
              ? `constant; a same-size KV-cache would hold ${formatBytes(kvMax)} by now (${(kvMax / AURA_STATE_BYTES).toLocaleString('en-US', { maximumFractionDigits: kvMax < 10 * AURA_STATE_BYTES ? 1 : 0 })}×)`
              : 'constant for any horizon'
          }
        />
        <Tile
          label="Flash wear used (median / worst)"
          value={
            wear.length
              ? `${formatPercent(wear[Math.floor(wear.length / 2)], 3)} / ${formatPercent(wear.at(-1), 3)}`
              : '—'
          }
          hint="of rated endurance, estimated"
        />
        <Tile label="Active rollouts" value={String(rollouts.data?.items.length ?? 0)} hint="running now" />
      </div>
    </section>
  );
}

function Tile({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="card tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      <div className="tile-hint">{hint}</div>
    </div>
  );
}
