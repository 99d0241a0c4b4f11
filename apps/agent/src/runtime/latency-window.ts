/**
 * Per-window latency samples (µs) with percentiles, in fixed memory: a log-bucketed histogram
 * (buckets 1 % wide from 0.1 µs to 100 s), so `add` never allocates and a window of any length —
 * a robot stepping at 1 kHz for a 10 s window, or a benchmark's million steps — costs the same
 * 8 KB. Percentiles are nearest-rank over the buckets, reported as the bucket's geometric middle
 * (within 0.5 % of the exact sample); values outside the range are clamped to it.
 */
const MIN_US = 0.1;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(100e6 / MIN_US) / LOG_GROWTH) + 1;

export class LatencyWindow {
  private readonly counts = new Uint32Array(BUCKETS);
  private n = 0;

  add(us: number): void {
    const i = us > MIN_US ? Math.min(BUCKETS - 1, Math.floor(Math.log(us / MIN_US) / LOG_GROWTH)) : 0;
    this.counts[i]!++;
    this.n++;
  }

  get count(): number {
    return this.n;
  }

  reset(): void {
    if (this.n === 0) return;
    this.counts.fill(0);
    this.n = 0;
  }

  /** nearest-rank p50 and p99; zeros for an empty window */
  percentiles(): { p50: number; p99: number } {
    if (this.n === 0) return { p50: 0, p99: 0 };
    return { p50: this.quantile(0.5), p99: this.quantile(0.99) };
  }

  private quantile(q: number): number {
    const rank = Math.min(this.n, Math.max(1, Math.ceil(q * this.n)));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return MIN_US * GROWTH ** (i + 0.5);
    }
    return MIN_US * GROWTH ** (BUCKETS - 0.5);
  }
}
