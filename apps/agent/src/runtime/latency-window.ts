/** Per-window latency samples (µs) with nearest-rank percentiles. */
export class LatencyWindow {
  private samples = new Float64Array(1024);
  private n = 0;

  add(us: number): void {
    if (this.n === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.n++] = us;
  }

  get count(): number {
    return this.n;
  }

  reset(): void {
    this.n = 0;
  }

  /** nearest-rank p50 and p99; zeros for an empty window */
  percentiles(): { p50: number; p99: number } {
    if (this.n === 0) return { p50: 0, p99: 0 };
    const sorted = this.samples.slice(0, this.n).sort();
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  }
}

export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
