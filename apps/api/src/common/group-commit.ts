/**
 * Group commit: callers submit one item each and get a promise; items that arrive while earlier
 * batches are being written wait (at most `maxDelayMs`, or until `maxBatch` are queued) and are
 * written together by one `write` call — one statement, one commit. Each promise settles only after
 * the batch holding its item has been written, so nothing is answered before it is durable.
 *
 * `key` (optional) keeps two items with the same key out of one batch: the later one goes into the
 * next batch, so a statement never sees the same row twice.
 */
/** In a `write` result: this item failed (its caller's promise rejects with `error`), the others stand. */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

export class GroupCommit<I, R> {
  private readonly queue: { item: I; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;

  constructor(
    private readonly write: (items: I[]) => Promise<(R | ItemFailure)[]>,
    private readonly options: {
      maxBatch: number;
      maxDelayMs: number;
      /** Batches written at the same time (default 1). */
      concurrency?: number;
      key?: (item: I) => string;
    },
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items queued, not yet in a batch being written. */
  get pending(): number {
    return this.queue.length;
  }

  private schedule() {
    if (this.queue.length === 0 || this.inFlight >= (this.options.concurrency ?? 1)) return;
    if (this.queue.length >= this.options.maxBatch) {
      void this.flush();
      return;
    }
    // maxDelayMs 0: whatever arrives in this turn of the event loop joins (no timer wait).
    if (this.timer || this.immediate) return;
    if (this.options.maxDelayMs > 0)
      this.timer = setTimeout(() => void this.flush(), this.options.maxDelayMs);
    else this.immediate = setImmediate(() => void this.flush());
  }

  private async flush() {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    if (this.queue.length === 0 || this.inFlight >= (this.options.concurrency ?? 1)) return;
    const batch = this.take();
    this.inFlight++;
    try {
      const results = await this.write(batch.map((entry) => entry.item));
      for (const [i, entry] of batch.entries()) {
        const result = results[i];
        if (result instanceof ItemFailure) entry.reject(result.error);
        else entry.resolve(result as R);
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.inFlight--;
      // What queued up while this batch was written goes next, without waiting for the delay.
      if (this.queue.length > 0) {
        if (this.inFlight < (this.options.concurrency ?? 1)) void this.flush();
        else this.schedule();
      }
    }
  }

  private take() {
    const { key, maxBatch } = this.options;
    if (!key) return this.queue.splice(0, maxBatch);
    const seen = new Set<string>();
    const batch: typeof this.queue = [];
    const rest: typeof this.queue = [];
    for (const entry of this.queue) {
      const k = key(entry.item);
      if (batch.length < maxBatch && !seen.has(k)) {
        seen.add(k);
        batch.push(entry);
      } else rest.push(entry);
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return batch;
  }
}

/** Runs `fn`, again on a deadlock or serialization failure (a batch touching many rows may meet one). */
export async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
