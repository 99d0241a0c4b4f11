import { z } from 'zod';

/**
 * The dashboard's server-side settings, validated once. `process.env` is read here only.
 * AURA_API_URL: where the operator API listens (server-to-server; the browser never calls it).
 */
const DashboardConfigSchema = z.object({
  AURA_API_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: 'must be an http(s) URL, e.g. http://127.0.0.1:4000',
    })
    .default('http://127.0.0.1:4000'),
});

export interface DashboardConfig {
  apiUrl: string;
}

let cached: DashboardConfig | undefined;

export function dashboardConfig(): DashboardConfig {
  if (cached) return cached;
  const parsed = DashboardConfigSchema.safeParse({ AURA_API_URL: process.env.AURA_API_URL || undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${String(issue?.path[0])} ${issue?.message}`);
  }
  cached = { apiUrl: parsed.data.AURA_API_URL.replace(/\/$/, '') };
  return cached;
}
