import { MAX_TELEMETRY_BATCH, type TelemetryBatchResponse, type TelemetryRecord } from '@aura/core';
import type { Outbox } from './outbox.js';

/** The API asked the agent to wait (429/503 with `Retry-After`). */
export interface RetryAfter {
  retryAfterMs: number;
}

/** The API refused the batch for good (400: invalid record); retrying cannot help. */
export class PermanentRejectionError extends Error {
  readonly code = 'TELEMETRY_REJECTED';
  constructor(message: string) {
    super(message);
    this.name = 'PermanentRejectionError';
  }
}

/**
 * Where telemetry goes. The HTTP implementation (POST /v1/agent/telemetry through the generated API
 * client) returns the API's answer, a {@link RetryAfter} hint, throws
 * {@link PermanentRejectionError} on 400, and throws anything else for transient failures.
 */
export interface TelemetrySink {
  send(records: TelemetryRecord[]): Promise<TelemetryBatchResponse | RetryAfter>;
}

export interface UploaderOptions {
  batchSize?: number;
  /** first retry delay cap; doubles per consecutive failure */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** wait when the outbox is empty */
  idleDelayMs?: number;
  random?: () => number;
}

export interface PumpResult {
  outcome: 'idle' | 'sent' | 'retry' | 'rejected';
  /** how long to wait before the next pump */
  delayMs: number;
  error?: string;
}

/**
 * Moves records from the outbox to a sink: oldest first, in batches, acknowledging what the sink
 * confirmed. Failures back off exponentially with full jitter (delay = random × min(max, base·2^n))
 * and never sooner than a Retry-After hint. Sequence numbers make a resent batch harmless: the API
 * counts already stored records as duplicates.
 */
export class TelemetryUploader {
  private failures = 0;
  private readonly batchSize: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly idleDelayMs: number;
  private readonly random: () => number;
  lastError: string | undefined;
  sentBatches = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly sink: TelemetrySink,
    options: UploaderOptions = {},
  ) {
    this.batchSize = Math.min(MAX_TELEMETRY_BATCH, Math.max(1, options.batchSize ?? 100));
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.idleDelayMs = options.idleDelayMs ?? 1000;
    this.random = options.random ?? Math.random;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  private backoff(minMs = 0): number {
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(this.failures, 30));
    this.failures++;
    return Math.max(minMs, Math.floor(this.random() * cap));
  }

  /** one attempt; returns what happened and when to try next */
  async pump(): Promise<PumpResult> {
    const batch = this.outbox.peek(this.batchSize);
    const last = batch[batch.length - 1];
    if (!last) return { outcome: 'idle', delayMs: this.idleDelayMs };
    let answer: TelemetryBatchResponse | RetryAfter;
    try {
      answer = await this.sink.send(batch);
    } catch (err) {
      const cause = err instanceof Error ? (err as { cause?: unknown }).cause : undefined;
      const message =
        err instanceof Error
          ? `${err.message}${cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.message})` : ''}`
          : String(err);
      this.lastError = message;
      if (err instanceof PermanentRejectionError) {
        this.outbox.dropThrough(last.seq);
        this.failures = 0;
        return { outcome: 'rejected', delayMs: 0, error: message };
      }
      return { outcome: 'retry', delayMs: this.backoff(), error: message };
    }
    if ('retryAfterMs' in answer) {
      this.lastError = `retry after ${answer.retryAfterMs} ms`;
      return { outcome: 'retry', delayMs: this.backoff(answer.retryAfterMs) };
    }
    // the API stores a batch whole or refuses it whole: an answer means every record is held
    this.outbox.ack(last.seq);
    this.failures = 0;
    this.lastError = undefined;
    this.sentBatches++;
    return { outcome: 'sent', delayMs: this.outbox.depth > 0 ? 0 : this.idleDelayMs };
  }

  /**
   * Sends until the outbox is empty or `deadlineMs` passes (used at shutdown); true when empty.
   * Waits between retries with `sleep`.
   */
  async flush(deadlineMs: number, sleep: (ms: number) => Promise<void>, now = Date.now): Promise<boolean> {
    while (this.outbox.depth > 0 && now() < deadlineMs) {
      const r = await this.pump();
      if (r.outcome === 'retry') await sleep(Math.min(r.delayMs, Math.max(0, deadlineMs - now())));
    }
    return this.outbox.depth === 0;
  }
}

/** Runs `pump` forever until `signal` aborts; `sleep` is interruptible by the signal. */
export async function runUploadLoop(
  uploader: TelemetryUploader,
  signal: AbortSignal,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  while (!signal.aborted) {
    const r = await uploader.pump();
    if (r.delayMs > 0) await sleep(r.delayMs, signal);
  }
}
