import type { ConfigEnvelope } from '@aura/core';
import type { ApiHarness } from './api-harness.js';

/**
 * A protocol-level robot for API tests: polls its config, acks it, and reports telemetry windows
 * with the write rate and success rate the test chooses, under the policy version it runs.
 */
export class SimRobot {
  private seq = 0;
  private etag: string | undefined;
  applied: ConfigEnvelope | undefined;
  /** Wear fraction added per reported window (a healthy device: years of life even at test speed). */
  wearPerReport = 1e-12;

  constructor(
    private readonly api: ApiHarness,
    readonly robotId: string,
    private readonly secret: string,
  ) {}

  static async enroll(api: ApiHarness, operatorKey: string, tags: string[]) {
    const enrolled = await api.enrollRobot(operatorKey);
    const robot = new SimRobot(api, enrolled.robotId, enrolled.robotSecret);
    await api.request({
      method: 'PATCH',
      url: `/v1/robots/${robot.robotId}`,
      token: operatorKey,
      payload: { tags },
    });
    await robot.sync();
    return robot;
  }

  /** Fetches the desired config (if changed) and applies it. Returns the envelope it runs. */
  async sync(): Promise<ConfigEnvelope | undefined> {
    const response = await this.api.request({
      method: 'GET',
      url: '/v1/agent/config',
      token: this.secret,
      headers: this.etag ? { 'if-none-match': this.etag } : {},
    });
    if (response.statusCode === 200) {
      const envelope = response.json() as ConfigEnvelope;
      this.etag = response.headers.etag as string;
      const ack = await this.api.request({
        method: 'POST',
        url: '/v1/agent/config/ack',
        token: this.secret,
        payload: { version: envelope.version, status: 'applied' },
      });
      if (ack.statusCode !== 200) throw new Error(`ack failed: ${ack.body}`);
      this.applied = envelope;
    } else if (response.statusCode !== 304) {
      throw new Error(`config poll failed: ${response.statusCode} ${response.body}`);
    }
    return this.applied;
  }

  /** One 10-second window (ending now, or at `at`) at the given rates. */
  async report(writeRate: number, successRate = 0.8, at = new Date(), steps = 500) {
    this.seq += 1;
    const start = new Date(at.getTime() - 1_000);
    const response = await this.api.request({
      method: 'POST',
      url: '/v1/agent/telemetry',
      token: this.secret,
      payload: {
        records: [
          {
            seq: this.seq,
            windowStart: start.toISOString(),
            windowEnd: at.toISOString(),
            steps,
            writes: Math.round(steps * writeRate),
            tau: this.applied?.tau ?? 0.5,
            policyVersion: this.applied?.policyVersionId ?? 'none',
            stateBytes: 4224,
            kvEquivalentBytes: 256 * steps * this.seq,
            flashBytesWritten: Math.round(steps * writeRate) * 4096,
            wearFraction: Math.min(1, this.wearPerReport * this.seq),
            episodes: { completed: 10, succeeded: Math.round(10 * successRate) },
            stepLatencyUs: { p50: 80, p99: 200 },
          },
        ],
      },
    });
    if (response.statusCode !== 200) throw new Error(`telemetry failed: ${response.body}`);
  }
}
