/**
 * Failed sign-ins per client per minute, in this dashboard process (a throttle, not state of
 * record: several instances each count their own). A client is the address the nearest proxy put
 * last in `x-forwarded-for`, or one shared bucket when the dashboard is reached directly; a global
 * cap of ten clients' worth bounds what changing that header can get past it.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();
  private global = { count: 0, resetAt: 0 };

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before `client` may try again, or 0. */
  retryAfter(client: string): number {
    if (this.limitPerMinute === 0) return 0;
    const now = this.now();
    const entry = this.failures.get(client);
    const waits = [
      entry && entry.resetAt > now && entry.count >= this.limitPerMinute ? entry.resetAt - now : 0,
      this.global.resetAt > now && this.global.count >= this.limitPerMinute * 10
        ? this.global.resetAt - now
        : 0,
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  recordFailure(client: string) {
    if (this.limitPerMinute === 0) return;
    const now = this.now();
    if (this.failures.size > 10_000) {
      for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
    }
    const entry = this.failures.get(client);
    if (!entry || entry.resetAt <= now) this.failures.set(client, { count: 1, resetAt: now + 60_000 });
    else entry.count++;
    if (this.global.resetAt <= now) this.global = { count: 1, resetAt: now + 60_000 };
    else this.global.count++;
  }
}

/** The client a request counts against: the last `x-forwarded-for` hop, else `direct`. */
export function clientAddress(forwardedFor: string | null): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops[hops.length - 1]?.slice(0, 100) ?? 'direct';
}
