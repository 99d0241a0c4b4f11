import type { DASHBOARD_SESSION_STATES } from '@aura/core';

export type DashboardSessionState = (typeof DASHBOARD_SESSION_STATES)[number];

/**
 * Whether a dashboard session works now, and if not the first reason (docs/dashboard.md, "Sessions"):
 * AuthService lets a session token through only when this is `active`; the sessions list shows it.
 */
export function dashboardSessionState(
  session: {
    revokedAt: Date | null;
    revokedReason: string | null;
    expiresAt: Date;
    lastSeenAt: Date;
    apiKey: { revokedAt: Date | null; expiresAt: Date | null };
  },
  operator: { disabledAt: Date | null },
  now: Date,
  idleMs: number,
): DashboardSessionState {
  if (session.revokedAt) return session.revokedReason === 'sign_out' ? 'signed_out' : 'revoked';
  if (session.expiresAt <= now) return 'expired';
  if (session.lastSeenAt.getTime() + idleMs <= now.getTime()) return 'idle';
  const key = session.apiKey;
  if (key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return 'key_ended';
  if (operator.disabledAt) return 'operator_disabled';
  return 'active';
}
