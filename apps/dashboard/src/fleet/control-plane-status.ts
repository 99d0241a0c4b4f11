import { dashboardConfig } from '../config/dashboard-config';

type Dependency = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };

export type ControlPlaneStatus =
  | { reachable: true; status: 'ok' | 'error'; checks: { database: Dependency; redis: Dependency } }
  | { reachable: false; error: string };

/** Server-side: asks the API how it and its dependencies are doing. */
export async function controlPlaneStatus(): Promise<ControlPlaneStatus> {
  const { apiUrl } = dashboardConfig();
  try {
    const response = await fetch(`${apiUrl}/healthz`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(3000),
    });
    const body = (await response.json()) as {
      status: 'ok' | 'error';
      checks: { database: Dependency; redis: Dependency };
    };
    return { reachable: true, status: body.status, checks: body.checks };
  } catch (error) {
    return { reachable: false, error: `API at ${apiUrl} unreachable (${(error as Error).message})` };
  }
}
