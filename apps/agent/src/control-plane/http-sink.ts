import { type AuraApiClient, retryAfterMs } from '@aura/api-client';
import type { TelemetryBatchResponse, TelemetryRecord } from '@aura/core';
import {
  CredentialRefusedError,
  PermanentRejectionError,
  type RetryAfter,
  type TelemetrySink,
} from '../telemetry/uploader.js';

/** `{"error": {"code", "message"}}` → "code: message" (or the status alone). */
export function describeApiError(status: number, body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (error && typeof error.message === 'string') {
    return `${status} ${typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}`;
  }
  return `HTTP ${status}`;
}

/**
 * POST /v1/agent/telemetry through the generated client: 200 → the API's answer; 429/503 → a
 * Retry-After hint; 400/413 → {@link PermanentRejectionError} (resending cannot help); 401 →
 * {@link CredentialRefusedError} (the robot's secret is no longer accepted); anything else (other
 * statuses, network errors) throws and the uploader backs off.
 */
export class HttpTelemetrySink implements TelemetrySink {
  constructor(
    private readonly client: AuraApiClient,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(records: TelemetryRecord[]): Promise<TelemetryBatchResponse | RetryAfter> {
    const { data, error, response } = await this.client.POST('/v1/agent/telemetry', {
      body: { records },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 200 && data) return data as TelemetryBatchResponse;
    if (response.status === 429 || response.status === 503) {
      return { retryAfterMs: retryAfterMs(response) ?? 1000 };
    }
    const message = `telemetry refused: ${describeApiError(response.status, error)}`;
    if (response.status === 400 || response.status === 413) throw new PermanentRejectionError(message);
    if (response.status === 401) throw new CredentialRefusedError(message);
    throw new Error(message);
  }
}
