import { describe, expect, it } from 'vitest';
import {
  checkConfigs,
  checkRollout,
  checkServerErrors,
  checkTelemetry,
  type RolloutState,
} from './checks.js';
import type { ObservedResponse } from './http-balancer.js';

describe('chaos checks', () => {
  it('counts lost, duplicated and pending telemetry per robot', () => {
    const produced = [
      { robotId: 'a', lastSeq: 5, pending: [5], quarantined: 0, dropped: 0 },
      { robotId: 'b', lastSeq: 3, pending: [], quarantined: 1, dropped: 0 },
    ];
    const stored = new Map([
      ['a', [1, 2, 3, 4, 4]],
      ['b', [1, 3]],
    ]);
    const result = checkTelemetry(produced, stored);
    expect(result).toMatchObject({
      produced: 8,
      stored: 6,
      lost: 1,
      duplicated: 1,
      pending: 1,
      quarantined: 1,
    });
    expect(result.problems).toHaveLength(3);
    expect(checkTelemetry(produced.slice(0, 1), new Map([['a', [1, 2, 3, 4]]])).problems).toEqual([]);
  });

  const rollout = (overrides: Partial<RolloutState>): RolloutState => ({
    id: 'r',
    status: 'running',
    currentStep: 0,
    steps: 3,
    onFailure: 'rollback',
    verdicts: [],
    ...overrides,
  });

  it('accepts consistent rollouts and names what is inconsistent', () => {
    const pass = (stepIndex: number) => ({ stepIndex, result: 'pass' as const });
    const fail = (stepIndex: number) => ({ stepIndex, result: 'fail' as const });
    const inconclusive = (stepIndex: number) => ({ stepIndex, result: 'inconclusive' as const });
    expect(
      checkRollout(
        rollout({
          status: 'succeeded',
          currentStep: 2,
          verdicts: [pass(0), inconclusive(1), pass(1), pass(2)],
        }),
      ),
    ).toEqual([]);
    expect(
      checkRollout(rollout({ status: 'rolled_back', currentStep: 1, verdicts: [pass(0), fail(1)] })),
    ).toEqual([]);
    expect(checkRollout(rollout({ status: 'running', currentStep: 1, verdicts: [pass(0)] }))).toEqual([]);
    expect(
      checkRollout(
        rollout({ status: 'succeeded', currentStep: 2, verdicts: [pass(0), pass(0), pass(1), pass(2)] }),
      )[0],
    ).toMatch(/2 decisive/);
    expect(checkRollout(rollout({ status: 'rolled_back', currentStep: 1, verdicts: [pass(0)] }))).toContain(
      'rolled back without a failed verdict',
    );
    expect(checkRollout(rollout({ status: 'running', currentStep: 2, verdicts: [pass(0)] }))).toContain(
      'step 2 was left without a pass',
    );
    expect(
      checkRollout(rollout({ status: 'running', currentStep: 1, verdicts: [pass(0), fail(1)] })),
    ).toContain('still running after a failed verdict');
  });

  it('allows only 503 with Retry-After, and only during an outage', () => {
    const at = (
      t: number,
      status: number,
      retryAfter = false,
      source: 'api' | 'balancer' = 'api',
      route = '/v1/agent/config',
    ): ObservedResponse => ({
      at: t,
      status,
      retryAfter,
      method: 'GET',
      route,
      source,
    });
    const result = checkServerErrors(
      [
        at(100, 200),
        at(1000, 503, true),
        at(1500, 500),
        at(5000, 503, true),
        at(2000, 502, false, 'balancer'),
        // a health check reports the database down during the outage; outside it, it is a failure
        at(1200, 503, false, 'api', '/healthz'),
        at(1300, 503, false, 'api', '/v1/robots'),
        at(6000, 503, false, 'api', '/readyz'),
      ],
      [{ from: 900, to: 1600 }],
      500,
    );
    expect(result.retryableDuringOutage).toBe(1);
    expect(result.healthDuringOutage).toBe(1);
    expect(result.badDuringOutage.map((r) => r.status)).toEqual([500, 503]);
    expect(result.unexpected.map((r) => r.at)).toEqual([5000, 6000]);
    expect(result.balancer).toBe(1);
  });

  it('wants every applied config to be the desired one, on the expected policy', () => {
    const robots = [
      { id: '1', name: 'r1', desiredVersion: 3, appliedVersion: 3, desiredPolicy: 'p' },
      { id: '2', name: 'r2', desiredVersion: 4, appliedVersion: 3, desiredPolicy: 'q' },
    ];
    expect(checkConfigs(robots, () => 'p')).toEqual([
      'r2: applied config v3, desired v4',
      'r2: desired policy version q, expected p',
    ]);
  });
});
