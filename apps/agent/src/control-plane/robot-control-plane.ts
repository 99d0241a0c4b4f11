import path from 'node:path';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { type AuraApiClient, createApiClient, retryAfterMs } from '@aura/api-client';
import {
  type AgentInventory,
  type AgentReport,
  type ConfigEnvelope,
  configEtag,
  KEY_SET_VERSION_HEADER,
} from '@aura/core';
import type { RobotAgent } from '../agent/robot-agent.js';
import { buildConfigAck } from '../config-store/config-store.js';
import { CredentialStore, type StoredCredential } from '../enrollment/credential-store.js';
import { runUploadLoop, type TelemetrySink, TelemetryUploader } from '../telemetry/uploader.js';
import { describeApiError, HttpTelemetrySink } from './http-sink.js';
import { describeNetworkError } from './http-transport.js';

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
  /** the link cannot go on by itself (credential refused, enrolment refused); default: warn */
  error?(message: string): void;
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
  /** how often an unauthorized link looks for a new credential (default 5 s) */
  credentialRecheckMs?: number;
  /** what the robot runs, for `PUT /v1/agent/report` (absent: no reports) */
  inventory?: () => AgentInventory;
  /** how often the report is compared with the last one delivered (default 10 s) */
  reportCheckMs?: number;
}

/**
 * `unauthorized`: the API answered 401 to the robot's credential (decommissioned, or its secret
 * rotated); uploads and polls stop, telemetry stays in the outbox, and the link resumes when the
 * credential file changes (or is removed, to enrol again with a token).
 */
export type ControlPlaneState =
  | 'starting'
  | 'enrolling'
  | 'online'
  | 'offline'
  | 'unauthorized'
  | 'failed'
  | 'stopped';

/** how often an unauthorized link looks for a new credential file */
export const CREDENTIAL_RECHECK_MS = 5000;
/** how often the agent report is compared with the last one the API took */
export const REPORT_CHECK_MS = 10_000;

/** an error's message, with its cause for fetch's bare "fetch failed" (e.g. ECONNREFUSED, TLS) */
export const errorMessage = describeNetworkError;

const silent: ControlPlaneLog = { info: () => {}, warn: () => {} };

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
  /** when the API last answered (any answer but a network failure) */
  lastContactAt: Date | undefined;
  /** when the API last took the agent report (`PUT /v1/agent/report`) */
  lastReportAt: Date | undefined;
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

  private async sleep(ms: number, signal: AbortSignal = this.signal): Promise<void> {
    try {
      await sleepFor(ms, undefined, { signal });
    } catch {
      // aborted: stopping
    }
  }

  /** the API answered */
  private contact(): void {
    this.lastContactAt = new Date();
  }

  /** state changes are logged once each (no line per failed request) */
  private setState(next: ControlPlaneState): void {
    const previous = this.state;
    if (next === previous) return;
    this.state = next;
    if (next === 'online' && previous !== 'starting' && previous !== 'enrolling') {
      this.log.info(`API reachable again (${this.options.apiUrl})`);
    } else if (next === 'online') {
      this.log.info(`online: ${this.options.apiUrl} as robot ${this.credential?.robotId ?? '?'}`);
    } else if (next === 'offline') {
      this.log.warn(`API unreachable: ${this.lastError ?? 'unknown error'}; retrying with backoff`);
    }
  }

  private error(message: string): void {
    (this.log.error ?? this.log.warn).call(this.log, message);
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
      this.setState('failed');
      this.lastError = errorMessage(err);
      this.log.warn(`control plane stopped: ${this.lastError}`);
    });
  }

  private async run(): Promise<void> {
    if (this.options.startDelayMs) await this.sleep(this.options.startDelayMs);
    let credential = this.credential ?? (await this.enroll());
    while (credential && !this.signal.aborted) {
      const refused = await this.serve(credential);
      if (!refused || this.signal.aborted) return;
      this.state = 'unauthorized';
      this.lastError =
        `${refused}: the API no longer accepts this robot's credential (decommissioned, or its secret ` +
        `rotated); uploads stopped, ${this.agent.outbox.depth} record(s) kept in the outbox; install the ` +
        `new credential in ${this.credentials.file}, or remove it to enrol again`;
      this.error(this.lastError);
      credential = await this.waitForNewCredential(credential);
      if (credential) this.log.info(`credential changed (robot ${credential.robotId}): resuming`);
    }
  }

  /**
   * Uploads and polls with one credential until stopped (undefined) or until the API refuses the
   * credential (401 on either): then both stop and the refusal is returned.
   */
  private async serve(credential: StoredCredential): Promise<string | undefined> {
    this.credential = credential;
    if (credential.apiUrl.replace(/\/$/, '') !== this.options.apiUrl.replace(/\/$/, '')) {
      this.log.warn(
        `credential was issued by ${credential.apiUrl}, talking to ${this.options.apiUrl} (remove ${this.credentials.file} to enrol again)`,
      );
    }
    const session = new AbortController();
    const signal = AbortSignal.any([this.signal, session.signal]);
    let refused: string | undefined;
    const refuse = (reason: string) => {
      refused ??= reason;
      session.abort();
    };
    const client = this.client(credential.robotSecret);
    const sink = this.options.createSink?.(client, credential) ?? new HttpTelemetrySink(client);
    this.uploader = new TelemetryUploader(this.agent.outbox, sink, {
      batchSize: this.agent.config.telemetry.batchSize,
      random: this.random,
    });
    this.setState('online');
    await Promise.all([
      runUploadLoop(
        this.uploader,
        signal,
        (ms, s) => this.sleep(ms, s),
        (r) => {
          if (r.outcome === 'sent' || r.outcome === 'split' || r.outcome === 'quarantined') this.contact();
        },
      ).then((r) => {
        if (r?.outcome === 'unauthorized') refuse(r.error ?? 'telemetry refused: 401');
      }),
      this.configLoop(client, credential, signal, refuse),
      this.reportLoop(client, signal, refuse),
    ]);
    return refused;
  }

  /** The agent report: the inventory and the outbox's counters now. */
  report(): AgentReport | undefined {
    const inventory = this.options.inventory?.();
    if (!inventory) return undefined;
    const outbox = this.agent.outbox;
    return {
      inventory,
      outbox: { pending: outbox.depth, dropped: outbox.dropped, quarantined: outbox.quarantined },
    };
  }

  /**
   * `PUT /v1/agent/report` once the link is up, then again whenever the inventory or the dropped or
   * quarantined counts change (checked every {@link REPORT_CHECK_MS}; the pending count alone, which
   * moves every window, does not send one). An API without the route (404, older than the report)
   * ends the loop; 401 → `refuse`; a 400 is logged and that report not sent again.
   */
  private async reportLoop(
    client: AuraApiClient,
    signal: AbortSignal,
    refuse: (reason: string) => void,
  ): Promise<void> {
    let delivered: string | undefined;
    let failures = 0;
    while (!signal.aborted) {
      const report = this.report();
      if (!report) return;
      const key = JSON.stringify([report.inventory, report.outbox.dropped, report.outbox.quarantined]);
      let delay = this.options.reportCheckMs ?? REPORT_CHECK_MS;
      if (key !== delivered) {
        try {
          const { error, response } = await client.PUT('/v1/agent/report', {
            body: report,
            signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
          });
          this.contact();
          if (response.ok) {
            delivered = key;
            failures = 0;
            this.lastReportAt = new Date();
          } else if (response.status === 401) {
            refuse(`report: ${describeApiError(response.status, error)}`);
            return;
          } else if (response.status === 404) {
            this.log.warn('the API takes no agent reports (PUT /v1/agent/report: 404); not reporting');
            return;
          } else if (response.status === 400) {
            delivered = key; // the same report would be refused again
            this.log.warn(`report refused: ${describeApiError(response.status, error)}`);
          } else {
            this.lastError = `report: ${describeApiError(response.status, error)}`;
            delay = this.backoff(failures++, retryAfterMs(response) ?? 0);
          }
        } catch (err) {
          if (signal.aborted) return;
          this.lastError = `report: ${errorMessage(err)}`;
          delay = this.backoff(failures++);
        }
      }
      await this.sleep(delay, signal);
    }
  }

  /** Waits for the credential file to change (a new secret) or to go away (enrol again). */
  private async waitForNewCredential(refused: StoredCredential): Promise<StoredCredential | undefined> {
    while (!this.signal.aborted) {
      await this.sleep(this.options.credentialRecheckMs ?? CREDENTIAL_RECHECK_MS);
      if (this.signal.aborted) return undefined;
      let current: StoredCredential | undefined;
      try {
        current = this.credentials.load();
      } catch (err) {
        this.lastError = errorMessage(err);
        continue;
      }
      if (!current) {
        if (!this.options.enrollmentToken) continue;
        this.credential = undefined;
        return this.enroll();
      }
      if (current.robotSecret !== refused.robotSecret || current.robotId !== refused.robotId) return current;
    }
    return undefined;
  }

  /** POST /v1/agent/enroll until it succeeds; transient failures retry, a refusal is final. */
  private async enroll(): Promise<StoredCredential | undefined> {
    const token = this.options.enrollmentToken;
    if (!token) {
      throw new EnrollmentError(
        `not enrolled and no enrolment token (api.enrollmentToken or AURA_AGENT_ENROLLMENT_TOKEN)`,
      );
    }
    this.setState('enrolling');
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
      this.setState('offline');
      await this.sleep(wait);
    }
    return undefined;
  }

  /** Long-polls the desired config until `signal` aborts; 304 is the normal answer; 401 → `refuse`. */
  private async configLoop(
    client: AuraApiClient,
    credential: StoredCredential,
    signal: AbortSignal,
    refuse: (reason: string) => void,
  ): Promise<void> {
    const wait = Math.min(30, Math.max(0, this.options.pollWaitSeconds ?? 30));
    // keys provisioned with the robot win; otherwise those handed out at enrolment
    const enrolmentKeys = this.agent.config.trustedConfigKeys.length > 0 ? [] : credential.configKeys;
    let failures = 0;
    while (!signal.aborted) {
      const pollWait = wait > 0 ? Math.max(1, Math.round(wait * (0.8 + 0.2 * this.random()))) : 0;
      let delay = 0;
      try {
        const { data, error, response } = await client.GET('/v1/agent/config', {
          params: { query: pollWait > 0 ? { wait: pollWait } : {} },
          headers: {
            ...(this.etag ? { 'if-none-match': this.etag } : {}),
            // the API sends key-set updates with the config when the fleet's key set is newer
            [KEY_SET_VERSION_HEADER]: String(this.agent.keySetVersion(enrolmentKeys)),
          },
          signal: AbortSignal.any([signal, AbortSignal.timeout((pollWait + 15) * 1000)]),
        });
        this.contact();
        if (response.status === 304) {
          failures = 0;
          this.setState('online');
          if (pollWait === 0) delay = 1000;
        } else if (response.status === 200 && data) {
          failures = 0;
          this.setState('online');
          this.etag = response.headers.get('etag') ?? configEtag((data as ConfigEnvelope).version);
          await this.handleConfig(client, data, enrolmentKeys, credential.robotId);
        } else if (response.status === 401) {
          refuse(`config: ${describeApiError(response.status, error)}`);
          return;
        } else if (response.status === 429 || response.status === 503) {
          this.lastError = `config: ${describeApiError(response.status, error)}`;
          delay = this.backoff(failures++, retryAfterMs(response) ?? 1000);
        } else {
          this.lastError = `config: ${describeApiError(response.status, error)}`;
          this.log.warn(this.lastError);
          delay = this.backoff(failures++);
        }
      } catch (err) {
        if (signal.aborted) return;
        this.lastError = `config: ${errorMessage(err)}`;
        this.setState('offline');
        delay = this.backoff(failures++);
      }
      if (delay > 0) await this.sleep(delay, signal);
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
