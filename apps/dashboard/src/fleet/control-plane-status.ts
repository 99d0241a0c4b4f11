import { createApiClient, type operations } from '@aura/api-client';
import { dashboardConfig } from '../config/dashboard-config';

type HealthReport = operations['health_healthz']['responses'][200]['content']['application/json'];

export type ControlPlaneStatus = ({ reachable: true } & HealthReport) | { reachable: false; error: string };

/** Server-side: asks the API (through the generated client) how it and its dependencies are doing. */
export async function controlPlaneStatus(): Promise<ControlPlaneStatus> {
  const { apiUrl } = dashboardConfig();
  const api = createApiClient({ baseUrl: apiUrl });
  try {
    // 503 still carries the report: read it from either branch of the typed result.
    const { data, error } = await api.GET('/healthz', {
      cache: 'no-store',
      signal: AbortSignal.timeout(3000),
    });
    const report = (data ?? error) as HealthReport | undefined;
    if (!report?.checks)
      return { reachable: false, error: `API at ${apiUrl} answered without a health report` };
    return { reachable: true, status: report.status, checks: report.checks };
  } catch (error) {
    return { reachable: false, error: `API at ${apiUrl} unreachable (${(error as Error).message})` };
  }
}
