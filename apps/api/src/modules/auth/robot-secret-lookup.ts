import { Inject, Injectable } from '@nestjs/common';
import { AuthRepository, type RobotCredential } from './auth.repository.js';

/** How long the first look-up of a batch waits for others to join it, and the most one batch holds. */
const BATCH_WINDOW_MS = 3;
const BATCH_MAX = 500;

interface Pending {
  prefixes: Map<string, { resolve: (row: RobotCredential | null) => void; reject: (e: unknown) => void }[]>;
  timer: NodeJS.Timeout | undefined;
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
 */
@Injectable()
export class RobotSecretLookup {
  private pending: Pending | undefined;

  constructor(@Inject(AuthRepository) private readonly credentials: AuthRepository) {}

  byPrefix(prefix: string): Promise<RobotCredential | null> {
    if (!this.pending) this.pending = { prefixes: new Map(), timer: undefined };
    const batch = this.pending;
    const promise = new Promise<RobotCredential | null>((resolve, reject) => {
      const waiting = batch.prefixes.get(prefix);
      if (waiting) waiting.push({ resolve, reject });
      else batch.prefixes.set(prefix, [{ resolve, reject }]);
    });
    if (batch.prefixes.size >= BATCH_MAX) this.send(batch);
    else batch.timer ??= setTimeout(() => this.send(batch), BATCH_WINDOW_MS);
    return promise;
  }

  private send(batch: Pending) {
    if (this.pending === batch) this.pending = undefined;
    if (batch.timer) clearTimeout(batch.timer);
    const prefixes = [...batch.prefixes.keys()];
    this.credentials.robotsBySecretPrefixes(prefixes).then(
      (rows) => {
        const found = new Map(rows.map((row) => [row.secretPrefix, row]));
        for (const [prefix, waiting] of batch.prefixes) {
          for (const w of waiting) w.resolve(found.get(prefix) ?? null);
        }
      },
      (error: unknown) => {
        for (const waiting of batch.prefixes.values()) for (const w of waiting) w.reject(error);
      },
    );
  }
}
