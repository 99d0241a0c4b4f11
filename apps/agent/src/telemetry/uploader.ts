import { MAX_TELEMETRY_BATCH, type TelemetryBatchResponse, type TelemetryRecord } from '@aura/core';
import { describeNetworkError } from '../control-plane/http-transport.js';
import type { Outbox } from './outbox.js';

/** The API asked the agent to wait (429/503 with `Retry-After`). */
export interface RetryAfter {
  retryAfterMs: number;
}

/** The API refused the batch for good (400: invalid record, 413: too large); resending it cannot help. */
export class PermanentRejectionError extends Error {
  readonly code = 'TELEMETRY_REJECTED';
  constructor(message: string) {
    super(message);
    this.name = 'PermanentRejectionError';
  }
}

/**
 * The API no longer accepts the robot's credential (401): decommissioned, or its secret rotated.
 * Nothing is resent until the credential changes; the data stays in the outbox.
 */
export class CredentialRefusedError extends Error {
  readonly code = 'CREDENTIAL_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'CredentialRefusedError';
  }
}

/**
 * Where telemetry goes. The HTTP implementation (POST /v1/agent/telemetry through the generated API
 * client) returns the API's answer, a {@link RetryAfter} hint, throws
 * {@link PermanentRejectionError} on 400/413, {@link CredentialRefusedError} on 401, and anything
 * else for transient failures.
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
  /**
   * `split`: a refused batch of several records, to be sent in halves (finds the refused ones);
   * `quarantined`: refused records moved to the quarantine file; `unauthorized`: stop uploading.
   */
  outcome: 'idle' | 'sent' | 'retry' | 'split' | 'quarantined' | 'unauthorized';
  /** how long to wait before the next pump */
  delayMs: number;
  error?: string;
}

/**
 * Moves records from the outbox to a sink: oldest first, in batches, acknowledging what the sink
 * confirmed. Failures back off exponentially with full jitter (delay = random × min(max, base·2^n))
 * and never sooner than a Retry-After hint. Sequence numbers make a resent batch harmless: the API
 * counts already stored records as duplicates.
 *
 * A batch the API refuses for good (400/413) is halved and resent until the refused records are
 * isolated; a single refused record goes to the outbox's quarantine file, the rest is delivered.
 * After {@link SYSTEMATIC_REFUSALS} refusals of single records in a row (the API refuses everything,
 * e.g. one version ahead and refusing a field) whole batches are quarantined without probing.
 * A 401 stops the uploader ({@link stopped}): nothing is resent until a new credential.
 */
export const SYSTEMATIC_REFUSALS = 3;

export class TelemetryUploader {
  private failures = 0;
  /** records per request now: the batch size, or less while isolating refused records */
  private limit: number;
  private singleRefusals = 0;
  /** while isolating refused records: the last seq of the first refused batch */
  private isolatingThrough: number | undefined;
  /** set by a 401: the reason; the upload loop ends */
  stopped: string | undefined;
  private readonly batchSize: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly idleDelayMs: number;
  private readonly random: () => number;
  lastError: string | undefined;
  sentBatches = 0;
  /** when the API last acknowledged a batch */
  lastSentAt: Date | undefined;

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
    this.limit = this.batchSize;
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
    if (this.stopped) return { outcome: 'unauthorized', delayMs: this.idleDelayMs, error: this.stopped };
    const systematic = this.singleRefusals >= SYSTEMATIC_REFUSALS;
    const batch = this.outbox.peek(systematic ? this.batchSize : this.limit);
    const last = batch[batch.length - 1];
    if (!last) return { outcome: 'idle', delayMs: this.idleDelayMs };
    let answer: TelemetryBatchResponse | RetryAfter;
    try {
      answer = await this.sink.send(batch);
    } catch (err) {
      const message = describeNetworkError(err);
      this.lastError = message;
      if (err instanceof CredentialRefusedError) {
        this.stopped = message;
        return { outcome: 'unauthorized', delayMs: this.idleDelayMs, error: message };
      }
      if (err instanceof PermanentRejectionError) {
        this.failures = 0;
        if (batch.length > 1 && !systematic) {
          this.limit = Math.ceil(batch.length / 2);
          this.isolatingThrough ??= last.seq;
          return { outcome: 'split', delayMs: 0, error: message };
        }
        this.singleRefusals++;
        this.isolatingThrough = undefined;
        this.limit = this.batchSize;
        this.outbox.quarantineThrough(last.seq, message);
        return { outcome: 'quarantined', delayMs: 0, error: message };
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
    this.singleRefusals = 0;
    // bisecting: the refused record lies in the next `limit` records; otherwise back to full batches
    if (this.isolatingThrough === undefined || last.seq >= this.isolatingThrough) {
      this.isolatingThrough = undefined;
      this.limit = this.batchSize;
    }
    this.lastError = undefined;
    this.sentBatches++;
    this.lastSentAt = new Date();
    return { outcome: 'sent', delayMs: this.outbox.depth > 0 ? 0 : this.idleDelayMs };
  }

  /**
   * Sends until the outbox is empty or `deadlineMs` passes (used at shutdown); true when empty.
   * Waits between retries with `sleep`.
   */
  async flush(deadlineMs: number, sleep: (ms: number) => Promise<void>, now = Date.now): Promise<boolean> {
    while (this.outbox.depth > 0 && now() < deadlineMs && !this.stopped) {
      const r = await this.pump();
      if (r.outcome === 'retry') await sleep(Math.min(r.delayMs, Math.max(0, deadlineMs - now())));
    }
    return this.outbox.depth === 0;
  }
}

/**
 * Runs `pump` until `signal` aborts or the API refuses the credential (401, returns that pump's
 * result); `sleep` is interruptible by the signal. `onResult` sees every pump's result.
 */
export async function runUploadLoop(
  uploader: TelemetryUploader,
  signal: AbortSignal,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  onResult?: (result: PumpResult) => void,
): Promise<PumpResult | undefined> {
  while (!signal.aborted) {
    const r = await uploader.pump();
    onResult?.(r);
    if (r.outcome === 'unauthorized') return r;
    if (r.delayMs > 0) await sleep(r.delayMs, signal);
  }
  return undefined;
}
