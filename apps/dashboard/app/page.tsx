import { controlPlaneStatus } from '@/fleet/control-plane-status';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const status = await controlPlaneStatus();
  return (
    <section aria-labelledby="status-heading">
      <h1 id="status-heading">Control plane</h1>
      <div className="card">
        {status.reachable ? (
          <dl>
            <dt>API</dt>
            <dd className={status.status === 'ok' ? 'status-up' : 'status-down'}>
              {status.status === 'ok' ? 'healthy' : 'degraded'}
            </dd>
            <dt>Database</dt>
            <dd className={`status-${status.checks.database.status}`}>
              {status.checks.database.status === 'up' ? 'up' : `down: ${status.checks.database.error}`}
            </dd>
            <dt>Redis</dt>
            <dd className={`status-${status.checks.redis.status}`}>
              {status.checks.redis.status === 'up' ? 'up' : `down: ${status.checks.redis.error}`}
            </dd>
          </dl>
        ) : (
          <p className="status-down" role="alert">
            {status.error}
          </p>
        )}
      </div>
    </section>
  );
}
