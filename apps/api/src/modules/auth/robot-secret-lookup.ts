import { Inject, Injectable } from '@nestjs/common';
import { AuthRepository, type RobotCredential } from './auth.repository.js';

/** How long the first look-up of a batch waits for others to join it, and the most one batch holds. */
const BATCH_WINDOW_MS = 3;
const BATCH_MAX = 500;
/**
 * Batch queries one process runs at once; further closed batches queue here, in order. Without a cap a
 * fleet's first contact (10,000 robots within 2 s: 20 batches) asked the pool for 20 connections at
 * once, starving every other query, and a batch still waiting for one after the pool's timeout answered
 * its 500 robots 503 together.
 */
export const BATCHES_IN_FLIGHT = 2;

interface Pending {
  prefixes: Map<string, { resolve: (row: RobotCredential | null) => void; reject: (e: unknown) => void }[]>;
  timer: NodeJS.Timeout | undefined;
  closed: boolean;
}

/**
 * Robot-secret look-ups by prefix, coalesced (DataLoader-style): look-ups arriving within a few
 * milliseconds of each other share one `WHERE secret_prefix = ANY($1)` query. A fleet's first contact
 * (thousands of robots connecting at once, none in the auth cache yet) then costs one round trip per
 * batch instead of one per robot, and holds one pool connection instead of hundreds.
 *
 * Only the row is shared: each caller still compares its own token with the stored hash. A look-up
 * only ever joins a batch whose query has not been sent yet, so every row it gets was read after the
 * caller's own earlier steps (AuthService reads the credential epoch first, then looks up).
 * At most `BATCHES_IN_FLIGHT` batch queries run at once; closed batches wait their turn in the process
 * rather than each holding out for a pool connection.
 */
@Injectable()
export class RobotSecretLookup {
  private pending: Pending | undefined;
  private readonly queued: Pending[] = [];
  private inFlight = 0;

  constructor(@Inject(AuthRepository) private readonly credentials: AuthRepository) {}

  byPrefix(prefix: string): Promise<RobotCredential | null> {
    if (!this.pending) this.pending = { prefixes: new Map(), timer: undefined, closed: false };
    const batch = this.pending;
    const promise = new Promise<RobotCredential | null>((resolve, reject) => {
      const waiting = batch.prefixes.get(prefix);
      if (waiting) waiting.push({ resolve, reject });
      else batch.prefixes.set(prefix, [{ resolve, reject }]);
    });
    if (batch.prefixes.size >= BATCH_MAX) this.close(batch);
    else batch.timer ??= setTimeout(() => this.close(batch), BATCH_WINDOW_MS);
    return promise;
  }

  /** Batch queries running now. */
  get running(): number {
    return this.inFlight;
  }

  /** No look-up joins `batch` any more: it is sent as soon as fewer than the cap are running. */
  private close(batch: Pending) {
    if (batch.closed) return;
    batch.closed = true;
    if (this.pending === batch) this.pending = undefined;
    if (batch.timer) clearTimeout(batch.timer);
    this.queued.push(batch);
    this.drain();
  }

  private drain() {
    while (this.inFlight < BATCHES_IN_FLIGHT && this.queued.length > 0) this.send(this.queued.shift()!);
  }

  private send(batch: Pending) {
    this.inFlight++;
    const prefixes = [...batch.prefixes.keys()];
    const done = () => {
      this.inFlight--;
      this.drain();
    };
    this.credentials.robotsBySecretPrefixes(prefixes).then(
      (rows) => {
        const found = new Map(rows.map((row) => [row.secretPrefix, row]));
        for (const [prefix, waiting] of batch.prefixes) {
          for (const w of waiting) w.resolve(found.get(prefix) ?? null);
        }
        done();
      },
      (error: unknown) => {
        for (const waiting of batch.prefixes.values()) for (const w of waiting) w.reject(error);
        done();
      },
    );
  }
}
