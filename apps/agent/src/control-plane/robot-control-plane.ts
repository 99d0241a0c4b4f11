import path from 'node:path';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { type AuraApiClient, createApiClient, retryAfterMs } from '@aura/api-client';
import type { ConfigEnvelope } from '@aura/core';
import type { RobotAgent } from '../agent/robot-agent.js';
import { buildConfigAck } from '../config-store/config-store.js';
import { CredentialStore, type StoredCredential } from '../enrollment/credential-store.js';
import { runUploadLoop, type TelemetrySink, TelemetryUploader } from '../telemetry/uploader.js';
import { describeApiError, HttpTelemetrySink } from './http-sink.js';

/** Enrolment cannot succeed by retrying (no token, token refused, used up or revoked). */
export class EnrollmentError extends Error {
  readonly code = 'ENROLLMENT_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'EnrollmentError';
  }
}

export interface ControlPlaneLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RobotControlPlaneOptions {
  apiUrl: string;
  enrollmentToken?: string;
  /** robot name sent at enrolment */
  name?: string;
  /** custom fetch (tests); default the global fetch (one keep-alive pool for the whole process) */
  fetch?: typeof fetch;
  /** long-poll wait in seconds (API max 30); each poll draws a jittered value in [0.8·wait, wait] */
  pollWaitSeconds?: number;
  /** delay before the first request (the simulator staggers its robots) */
  startDelayMs?: number;
  /** replaces the HTTP sink (tests) */
  createSink?: (client: AuraApiClient, credential: StoredCredential) => TelemetrySink;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  log?: ControlPlaneLog;
}

export type ControlPlaneState = 'starting' | 'enrolling' | 'online' | 'offline' | 'failed' | 'stopped';

/** an error's message, with its cause for fetch's bare "fetch failed" (e.g. ECONNREFUSED) */
export function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error
    ? `${err.message} (${(cause as { code?: string }).code ?? cause.message})`
    : err.message;
}

const silent: ControlPlaneLog = { info: () => {}, warn: () => {} };

/** `"v<version>"`: the API's ETag of a config envelope (docs/api.md). */
export const etagOf = (envelope: ConfigEnvelope | undefined) =>
  envelope ? `"v${envelope.version}"` : undefined;

/**
 * One robot's link to the control plane: enrols once (the credential is kept in
 * `<stateDir>/credentials/credential.json`, mode 0600, and reused on every restart), uploads the
 * outbox, long-polls its signed config with `If-None-Match` (304 is the normal answer), applies it
 * through {@link RobotAgent.applyConfig} (τ at the next step boundary) and acknowledges it, applied
 * or rejected with the reason. While the API is unreachable the robot keeps running on its last good
 * config; requests back off exponentially with full jitter and never sooner than a Retry-After.
 */
export class RobotControlPlane {
  readonly credentials: CredentialStore;
  credential: StoredCredential | undefined;
  uploader: TelemetryUploader | undefined;
  state: ControlPlaneState = 'starting';
  lastError: string | undefined;
  /** what happened to each config the API delivered (newest last; the last 20 kept) */
  readonly configEvents: { version: number; status: 'applied' | 'rejected'; reason?: string }[] = [];
  private etag: string | undefined;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private readonly log: ControlPlaneLog;
  private readonly random: () => number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    readonly agent: RobotAgent,
    private readonly options: RobotControlPlaneOptions,
  ) {
    this.credentials = new CredentialStore(path.join(agent.config.stateDir, 'credentials'));
    this.credential = this.credentials.load();
    // No If-None-Match on the first poll, though a config is applied: the API delivers the desired
    // config again and the agent acknowledges it (as applied again when it is the applied one). An ack
    // lost in a crash between apply and ack is so sent after the restart, at the cost of one config
    // download per start; with the applied version's ETag the API would answer 304 and never hear it.
    this.log = options.log ?? silent;
    this.random = options.random ?? Math.random;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
  }

  private get signal(): AbortSignal {
    return this.abort.signal;
  }

  private async sleep(ms: number): Promise<void> {
    try {
      await sleepFor(ms, undefined, { signal: this.signal });
    } catch {
      // aborted: stopping
    }
  }

  private backoff(failures: number, minMs = 0): number {
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(failures, 30));
    return Math.max(minMs, Math.floor(this.random() * cap));
  }

  private client(token?: string): AuraApiClient {
    return createApiClient({
      baseUrl: this.options.apiUrl,
      ...(token ? { token } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
  }

  /** Starts enrolment (if needed), uploading and config polling in the background. */
  start(): void {
    this.running ??= this.run().catch((err) => {
      this.state = 'failed';
      this.lastError = errorMessage(err);
      this.log.warn(`control plane stopped: ${this.lastError}`);
    });
  }

  private async run(): Promise<void> {
    if (this.options.startDelayMs) await this.sleep(this.options.startDelayMs);
    if (this.signal.aborted) return;
    const credential = this.credential ?? (await this.enroll());
    if (!credential) return; // stopped while enrolling
    if (credential.apiUrl.replace(/\/$/, '') !== this.options.apiUrl.replace(/\/$/, '')) {
      this.log.warn(
        `credential was issued by ${credential.apiUrl}, talking to ${this.options.apiUrl} (remove ${this.credentials.file} to enrol again)`,
      );
    }
    const client = this.client(credential.robotSecret);
    const sink = this.options.createSink?.(client, credential) ?? new HttpTelemetrySink(client);
    this.uploader = new TelemetryUploader(this.agent.outbox, sink, {
      batchSize: this.agent.config.telemetry.batchSize,
      random: this.random,
    });
    this.state = 'online';
    await Promise.all([
      runUploadLoop(this.uploader, this.signal, (ms) => this.sleep(ms)),
      this.configLoop(client, credential),
    ]);
  }

  /** POST /v1/agent/enroll until it succeeds; transient failures retry, a refusal is final. */
  private async enroll(): Promise<StoredCredential | undefined> {
    const token = this.options.enrollmentToken;
    if (!token) {
      throw new EnrollmentError(
        `not enrolled and no enrolment token (api.enrollmentToken or AURA_AGENT_ENROLLMENT_TOKEN)`,
      );
    }
    this.state = 'enrolling';
    const client = this.client();
    for (let failures = 0; !this.signal.aborted; failures++) {
      let wait: number;
      try {
        const { data, error, response } = await client.POST('/v1/agent/enroll', {
          body: { enrollmentToken: token, ...(this.options.name ? { name: this.options.name } : {}) },
          signal: AbortSignal.any([this.signal, AbortSignal.timeout(30_000)]),
        });
        if (response.status === 201 && data) {
          this.credential = this.credentials.save(data, this.options.apiUrl);
          this.log.info(`enrolled as robot ${data.robotId}`);
          return this.credential;
        }
        const message = `enrolment refused: ${describeApiError(response.status, error)}`;
        if (response.status !== 429 && response.status < 500) throw new EnrollmentError(message);
        this.lastError = message;
        wait = this.backoff(failures, retryAfterMs(response) ?? 0);
      } catch (err) {
        if (err instanceof EnrollmentError) throw err;
        if (this.signal.aborted) return undefined;
        this.lastError = `enrolment: ${errorMessage(err)}`;
        wait = this.backoff(failures);
      }
      this.state = 'offline';
      await this.sleep(wait);
    }
    return undefined;
  }

  /** Long-polls the desired config forever; 304 is the normal answer. */
  private async configLoop(client: AuraApiClient, credential: StoredCredential): Promise<void> {
    const wait = Math.min(30, Math.max(0, this.options.pollWaitSeconds ?? 30));
    // keys provisioned with the robot win; otherwise those handed out at enrolment
    const enrolmentKeys = this.agent.config.trustedConfigKeys.length > 0 ? [] : credential.configKeys;
    let failures = 0;
    while (!this.signal.aborted) {
      const pollWait = wait > 0 ? Math.max(1, Math.round(wait * (0.8 + 0.2 * this.random()))) : 0;
      let delay = 0;
      try {
        const { data, error, response } = await client.GET('/v1/agent/config', {
          params: { query: pollWait > 0 ? { wait: pollWait } : {} },
          headers: this.etag ? { 'if-none-match': this.etag } : {},
          signal: AbortSignal.any([this.signal, AbortSignal.timeout((pollWait + 15) * 1000)]),
        });
        if (response.status === 304) {
          failures = 0;
          this.state = 'online';
          if (pollWait === 0) delay = 1000;
        } else if (response.status === 200 && data) {
          failures = 0;
          this.state = 'online';
          this.etag = response.headers.get('etag') ?? etagOf(data as ConfigEnvelope);
          await this.handleConfig(client, data, enrolmentKeys, credential.robotId);
        } else if (response.status === 429 || response.status === 503) {
          this.lastError = `config: ${describeApiError(response.status, error)}`;
          delay = this.backoff(failures++, retryAfterMs(response) ?? 1000);
        } else {
          this.lastError = `config: ${describeApiError(response.status, error)}`;
          this.log.warn(this.lastError);
          delay = this.backoff(failures++);
        }
      } catch (err) {
        if (this.signal.aborted) return;
        this.state = 'offline';
        this.lastError = `config: ${errorMessage(err)}`;
        delay = this.backoff(failures++);
      }
      if (delay > 0) await this.sleep(delay);
    }
  }

  private async handleConfig(
    client: AuraApiClient,
    envelope: unknown,
    keys: StoredCredential['configKeys'],
    robotId: string,
  ): Promise<void> {
    const result = this.agent.applyConfig(envelope, keys, { robotId });
    const ack = buildConfigAck(envelope, result);
    if (result.status === 'applied' && result.alreadyApplied) {
      this.log.info(`config v${result.envelope.version} is already applied; acknowledging it again`);
    } else if (result.status === 'applied') {
      this.log.info(
        `applied config v${result.envelope.version}: τ ${result.envelope.tau} (policy ${result.envelope.policyVersionId})`,
      );
    } else {
      this.log.warn(`rejected config: ${result.reason}: ${result.message}`);
    }
    if (ack) {
      this.configEvents.push(ack);
      if (this.configEvents.length > 20) this.configEvents.shift();
      await this.sendAck(client, ack);
    }
  }

  /** POST /v1/agent/config/ack, retried a few times on transient failures. */
  private async sendAck(
    client: AuraApiClient,
    ack: { version: number; status: 'applied' | 'rejected'; reason?: string },
  ): Promise<void> {
    for (let attempt = 0; attempt < 6 && !this.signal.aborted; attempt++) {
      try {
        // not aborted by stop(): an applied config whose ack is lost would stay unacknowledged
        const { error, response } = await client.POST('/v1/agent/config/ack', {
          body: ack,
          signal: AbortSignal.timeout(10_000),
        });
        if (response.ok) return;
        const message = `ack of v${ack.version}: ${describeApiError(response.status, error)}`;
        if (response.status !== 429 && response.status < 500) {
          this.log.warn(message); // refused (e.g. 409 never delivered): retrying cannot help
          return;
        }
        this.lastError = message;
        await this.sleep(this.backoff(attempt, retryAfterMs(response) ?? 0));
      } catch (err) {
        if (this.signal.aborted) return;
        this.lastError = `ack of v${ack.version}: ${errorMessage(err)}`;
        await this.sleep(this.backoff(attempt));
      }
    }
  }

  /**
   * Stops polling and uploading, then spends until `flushDeadlineMs` delivering the outbox (the
   * caller closes the robot's open window first). True when the outbox is empty.
   */
  async stop(flushDeadlineMs: number): Promise<boolean> {
    this.abort.abort();
    await this.running;
    this.state = 'stopped';
    if (!this.uploader) return this.agent.outbox.depth === 0;
    return this.uploader.flush(flushDeadlineMs, (ms) => sleepFor(ms));
  }
}
