import http from 'node:http';
import https from 'node:https';
import {
  type AlertNotificationPayload,
  signWebhook,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { renderNotification } from './alert-payloads.js';
import { AlertStateRepository } from './alert-state.repository.js';
import { TargetGuard } from './target-guard.js';

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';

interface PostResult {
  statusCode: number | null;
  error: string | null;
}

/**
 * Sends one notification to one channel: renders the channel's format, signs it (HMAC-SHA256 over
 * "<timestamp>.<body>"), checks the target against the SSRF guard (again at connect time), POSTs with
 * a timeout, never follows redirects, and logs the attempt. 2xx is delivered; anything else is retried
 * by BullMQ with exponential back-off until ALERTS_DELIVERY_ATTEMPTS, then marked failed.
 */
@Injectable()
export class AlertDeliveryService {
  constructor(
    @Inject(AlertStateRepository) private readonly state: AlertStateRepository,
    @Inject(TargetGuard) private readonly guard: TargetGuard,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async attempt(deliveryId: string): Promise<DeliveryOutcome> {
    const delivery = await this.state.delivery(deliveryId);
    if (delivery?.status !== 'pending') return 'skipped'; // already done (a repeated job)
    const at = new Date();
    const number = delivery.attempts + 1;
    const channel = delivery.channel;
    if (!channel) {
      await this.state.recordAttempt(
        deliveryId,
        { number, at, statusCode: null, error: 'channel deleted', durationMs: 0 },
        'failed',
      );
      return 'failed';
    }
    const payload = delivery.notification.payload as unknown as AlertNotificationPayload;
    const body = renderNotification(channel.kind, payload, channel.routingKey);
    const refusal = await this.guard.check(channel.url);
    if (refusal) {
      await this.state.recordAttempt(
        deliveryId,
        { number, at, statusCode: null, error: `url ${refusal}`, durationMs: 0 },
        'failed',
      );
      return 'failed';
    }
    const timestamp = Math.floor(at.getTime() / 1000);
    const started = performance.now();
    const result = await this.post(channel.url, body, {
      'content-type': 'application/json',
      'user-agent': 'aura-fleet-alerts/1',
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(channel.secret, timestamp, body),
      [WEBHOOK_DELIVERY_HEADER]: deliveryId,
      [WEBHOOK_EVENT_HEADER]: payload.type,
    });
    const durationMs = Math.round(performance.now() - started);
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const refused = result.error?.startsWith('refused:') ?? false;
    const last = number >= this.config.alerts.deliveryAttempts || refused;
    const outcome = ok ? 'delivered' : last ? 'failed' : 'retry';
    await this.state.recordAttempt(
      deliveryId,
      {
        number,
        at,
        statusCode: result.statusCode,
        error: ok ? null : (result.error ?? `HTTP ${result.statusCode}`),
        durationMs,
      },
      outcome === 'retry' ? 'pending' : outcome,
    );
    this.logger[ok ? 'info' : 'warn'](
      {
        deliveryId,
        channel: channel.name,
        statusCode: result.statusCode,
        err: result.error,
        attempt: number,
        outcome,
      },
      'alert notification delivery',
    );
    return outcome;
  }

  private post(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: this.guard.lookup,
          timeout: this.config.alerts.deliveryTimeoutMs,
        },
        (response) => {
          response.resume(); // the answer's body is not needed; drain it
          response.on('end', () => resolve({ statusCode: response.statusCode ?? null, error: null }));
          response.on('error', (error) =>
            resolve({ statusCode: response.statusCode ?? null, error: error.message }),
          );
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`no answer within ${this.config.alerts.deliveryTimeoutMs} ms`)),
      );
      request.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          statusCode: null,
          error: error.code === 'ETARGETREFUSED' ? `refused: url ${error.message}` : error.message,
        }),
      );
      request.end(body);
    });
  }
}
