import 'server-only';
import { hasRole } from '@aura/core/schemas';
import { operatorApi } from '@/session/current-session';
import { SERIES_WINDOWS, type SeriesWindow } from './series-windows';

/** Everything the robot detail page shows, fetched in parallel through the operator API. */
export async function loadRobotDetail(id: string, window: SeriesWindow) {
  const { api, session } = await operatorApi();
  const { ms, bucketSeconds } = SERIES_WINDOWS[window];
  // Buckets are aligned to the bucket size, so the window ends at the next boundary (the current,
  // still-filling bucket is included) and starts `ms` before it.
  const to = new Date(Math.ceil(Date.now() / (bucketSeconds * 1000)) * bucketSeconds * 1000);
  const from = new Date(to.getTime() - ms);
  const [robot, series, rollouts] = await Promise.all([
    api.GET('/v1/robots/{id}', { params: { path: { id } } }),
    api.GET('/v1/robots/{id}/series', {
      params: {
        path: { id },
        query: { from: from.toISOString(), to: to.toISOString(), bucketSeconds },
      },
    }),
    api.GET('/v1/robots/{id}/rollouts', { params: { path: { id } } }),
  ]);
  return {
    robot,
    series,
    rollouts,
    from: from.getTime(),
    to: to.getTime(),
    /** Operators and admins may decommission (the API checks again). */
    canDecommission: hasRole(session.role, 'operator'),
  };
}
