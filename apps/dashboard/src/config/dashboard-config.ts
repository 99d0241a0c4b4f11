import { z } from 'zod';

/**
 * The dashboard's server-side settings, validated once. `process.env` is read here only.
 * AURA_API_URL: where the operator API listens (server-to-server; the browser never calls it).
 * DASHBOARD_PUBLIC_URL: the address browsers use for the dashboard itself; `https://` makes the
 * session cookie `Secure` and turns on HSTS and upgrade-insecure-requests.
 */
const httpUrl = (example: string) =>
  z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: `must be an http(s) URL, e.g. ${example}`,
  });

const DashboardConfigSchema = z.object({
  AURA_API_URL: httpUrl('http://127.0.0.1:4000').default('http://127.0.0.1:4000'),
  DASHBOARD_PUBLIC_URL: httpUrl('https://fleet.example.com').optional(),
  DASHBOARD_SIGN_IN_LIMIT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be ≥ 0')
    .max(10_000, 'must be ≤ 10000')
    .default(10),
});

export interface DashboardConfig {
  apiUrl: string;
  /** The dashboard is served over HTTPS (from DASHBOARD_PUBLIC_URL). */
  https: boolean;
  /** Failed sign-ins per client address per minute before sign-in is refused (0 = unlimited). */
  signInLimitPerMinute: number;
  /** `next dev` (allows eval in the CSP for React's debugging). */
  development: boolean;
}

let cached: DashboardConfig | undefined;

export function dashboardConfig(): DashboardConfig {
  if (cached) return cached;
  const env = (name: string) => process.env[name] || undefined;
  const parsed = DashboardConfigSchema.safeParse({
    AURA_API_URL: env('AURA_API_URL'),
    DASHBOARD_PUBLIC_URL: env('DASHBOARD_PUBLIC_URL'),
    DASHBOARD_SIGN_IN_LIMIT: env('DASHBOARD_SIGN_IN_LIMIT'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])} ${issue?.message}`);
  }
  cached = {
    apiUrl: parsed.data.AURA_API_URL.replace(/\/$/, ''),
    https: parsed.data.DASHBOARD_PUBLIC_URL?.startsWith('https:') ?? false,
    signInLimitPerMinute: parsed.data.DASHBOARD_SIGN_IN_LIMIT,
    development: process.env.NODE_ENV === 'development',
  };
  return cached;
}
