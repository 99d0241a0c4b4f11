/** Display helpers of the rollout pages. */

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${+(seconds / 60).toFixed(1)} min`;
  if (seconds < 86_400) return `${+(seconds / 3600).toFixed(1)} h`;
  return `${+(seconds / 86_400).toFixed(1)} d`;
}

export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'unbounded';
  if (days >= 3650) return `${(days / 365).toFixed(0)} y`;
  return `${Math.round(days).toLocaleString('en-US')} d`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** `{ tags: ['a'], groupIds: [g], robotIds: [r, s] }` → "tag a · 1 group · 2 robots". */
export function describeTarget(
  target: { tags?: string[]; groupIds?: string[]; robotIds?: string[] } | undefined,
  groupNames: Map<string, string> = new Map(),
): string {
  if (!target) return '—';
  const parts: string[] = [];
  if (target.tags?.length)
    parts.push(`${target.tags.length === 1 ? 'tag' : 'tags'} ${target.tags.join(', ')}`);
  if (target.groupIds?.length) {
    const names = target.groupIds.map((id) => groupNames.get(id));
    parts.push(
      names.every(Boolean)
        ? `${names.length === 1 ? 'group' : 'groups'} ${names.join(', ')}`
        : `${target.groupIds.length} group${target.groupIds.length === 1 ? '' : 's'}`,
    );
  }
  if (target.robotIds?.length)
    parts.push(`${target.robotIds.length} robot${target.robotIds.length === 1 ? '' : 's'}`);
  return parts.join(' · ') || '—';
}

export const STATE_LABEL: Record<string, string> = {
  pending: 'pending',
  delivered: 'delivered',
  applied: 'applied',
  verified: 'verified',
  rejected: 'rejected',
  timed_out: 'timed out',
  unreachable: 'unreachable',
  reverted: 'reverted',
  skipped: 'not switched',
};

export const STATUS_LABEL: Record<string, string> = {
  draft: 'draft',
  running: 'running',
  paused: 'paused',
  succeeded: 'succeeded',
  rolled_back: 'rolled back',
  aborted: 'aborted',
};
