/**
 * Keeps a periodic job from taking over its process: a run is skipped while less time has passed since
 * the last run started than `maxShare⁻¹ ×` that run's duration. With `maxShare` 0.5 a refresh that takes
 * 7 s on a 10 s schedule runs every 14 s instead of back to back (issue 15: the fleet summary's refresh
 * took 5–10 s at 100,000 robots on a loaded 2-core machine), and a fast one keeps its schedule.
 */
export class RefreshPacing {
  #last?: { startedAt: number; durationMs: number };

  constructor(
    private readonly maxShare: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxShare > 0 && maxShare <= 1)) throw new RangeError('maxShare must be in (0, 1]');
  }

  /** Milliseconds still to wait before the next run is due; 0 when it may run now. */
  wait(): number {
    if (!this.#last) return 0;
    const due = this.#last.startedAt + this.#last.durationMs / this.maxShare;
    return Math.max(0, Math.ceil(due - this.now()));
  }

  /** Runs `work` and records how long it took (also when it throws). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const startedAt = this.now();
    try {
      return await work();
    } finally {
      this.#last = { startedAt, durationMs: this.now() - startedAt };
    }
  }
}
