import type { ObservedResponse } from './http-balancer.js';

/** What one simulated robot produced, read from its outbox after the fleet was stopped. */
export interface ProducedTelemetry {
  robotId: string;
  /** highest seq the agent assigned */
  lastSeq: number;
  /** seqs still waiting in its outbox (not delivered by the end) */
  pending: number[];
  quarantined: number;
  dropped: number;
}

export interface TelemetryCheck {
  produced: number;
  stored: number;
  lost: number;
  duplicated: number;
  pending: number;
  quarantined: number;
  dropped: number;
  problems: string[];
}

/**
 * Every seq an agent produced is stored exactly once, or still pending in its outbox: `stored` maps a
 * robot to the seqs of its stored rows (one entry per row, so a duplicate shows twice).
 */
export function checkTelemetry(
  produced: readonly ProducedTelemetry[],
  stored: ReadonlyMap<string, readonly number[]>,
): TelemetryCheck {
  const result: TelemetryCheck = {
    produced: 0,
    stored: 0,
    lost: 0,
    duplicated: 0,
    pending: 0,
    quarantined: 0,
    dropped: 0,
    problems: [],
  };
  for (const robot of produced) {
    const rows = stored.get(robot.robotId) ?? [];
    const distinct = new Set(rows);
    const pending = new Set(robot.pending);
    let lost = 0;
    for (let seq = 1; seq <= robot.lastSeq; seq++) if (!distinct.has(seq) && !pending.has(seq)) lost++;
    const duplicated = rows.length - distinct.size;
    const unknown = [...distinct].filter((seq) => seq > robot.lastSeq).length;
    result.produced += robot.lastSeq;
    result.stored += distinct.size;
    result.lost += lost;
    result.duplicated += duplicated;
    result.pending += pending.size;
    result.quarantined += robot.quarantined;
    result.dropped += robot.dropped;
    if (lost > 0) result.problems.push(`robot ${robot.robotId}: ${lost} record(s) lost`);
    if (duplicated > 0) result.problems.push(`robot ${robot.robotId}: ${duplicated} record(s) stored twice`);
    if (unknown > 0)
      result.problems.push(`robot ${robot.robotId}: ${unknown} stored seq(s) it never produced`);
    if (robot.quarantined + robot.dropped > 0) {
      result.problems.push(
        `robot ${robot.robotId}: ${robot.quarantined} quarantined, ${robot.dropped} dropped by the agent`,
      );
    }
  }
  return result;
}

export interface RolloutState {
  id: string;
  status: string;
  currentStep: number;
  steps: number;
  onFailure: 'rollback' | 'pause';
  verdicts: { stepIndex: number; result: 'pass' | 'fail' | 'inconclusive' }[];
}

/**
 * A rollout's verdicts and status agree: at most one decisive (pass/fail) verdict per step, none after
 * a failure nor beyond the current step, every step before the current one passed, and a terminal
 * status that matches (succeeded ⇔ every step passed; rolled back ⇔ the last decisive verdict failed).
 */
export function checkRollout(rollout: RolloutState): string[] {
  const problems: string[] = [];
  const decisive = rollout.verdicts.filter((v) => v.result !== 'inconclusive');
  for (let step = 0; step < rollout.steps; step++) {
    const here = decisive.filter((v) => v.stepIndex === step);
    if (here.length > 1) {
      problems.push(
        `step ${step + 1} has ${here.length} decisive verdicts (${here.map((v) => v.result).join(', ')})`,
      );
    }
  }
  const firstFail = decisive.find((v) => v.result === 'fail');
  if (firstFail && decisive.some((v) => v.stepIndex > firstFail.stepIndex)) {
    problems.push(`verdicts after the failure at step ${firstFail.stepIndex + 1}`);
  }
  if (rollout.verdicts.some((v) => v.stepIndex > rollout.currentStep)) {
    problems.push(`verdicts beyond the current step ${rollout.currentStep + 1}`);
  }
  const passed = new Set(decisive.filter((v) => v.result === 'pass').map((v) => v.stepIndex));
  for (let step = 0; step < Math.min(rollout.currentStep, rollout.steps); step++) {
    if (!passed.has(step)) problems.push(`step ${step + 1} was left without a pass`);
  }
  switch (rollout.status) {
    case 'succeeded':
      if (passed.size !== rollout.steps)
        problems.push(`succeeded with ${passed.size}/${rollout.steps} steps passed`);
      break;
    case 'rolled_back':
      if (!firstFail) problems.push('rolled back without a failed verdict');
      break;
    case 'running':
      if (firstFail && rollout.onFailure === 'rollback')
        problems.push('still running after a failed verdict');
      break;
    case 'paused':
    case 'aborted':
    case 'draft':
      break;
    default:
      problems.push(`unknown status ${rollout.status}`);
  }
  return problems;
}

export interface ErrorCheck {
  apiResponses: number;
  /** 5xx from the API outside every injected database outage */
  unexpected: ObservedResponse[];
  /** 5xx from the API during an outage that is not 503 with Retry-After */
  badDuringOutage: ObservedResponse[];
  /** 503 with Retry-After during an outage (allowed) */
  retryableDuringOutage: number;
  /** /healthz or /readyz answering 503 during an outage: the dependency reported down, as they should */
  healthDuringOutage: number;
  /** the balancer's own 502/503 (an API process killed mid-request, or none up) */
  balancer: number;
}

/** Health checks: their 503 reports a dependency down (the database, during an injected outage). */
const HEALTH_ROUTES = new Set(['/healthz', '/readyz']);

/** Classifies every 5xx by whether it fell inside an injected database outage (plus `graceMs`). */
export function checkServerErrors(
  responses: readonly ObservedResponse[],
  outages: readonly { from: number; to: number }[],
  graceMs: number,
): ErrorCheck {
  const result: ErrorCheck = {
    apiResponses: 0,
    unexpected: [],
    badDuringOutage: [],
    retryableDuringOutage: 0,
    healthDuringOutage: 0,
    balancer: 0,
  };
  for (const response of responses) {
    if (response.source === 'balancer') {
      result.balancer++;
      continue;
    }
    result.apiResponses++;
    if (response.status < 500) continue;
    const inOutage = outages.some((o) => response.at >= o.from && response.at <= o.to + graceMs);
    if (!inOutage) result.unexpected.push(response);
    else if (response.status === 503 && response.retryAfter) result.retryableDuringOutage++;
    else if (response.status === 503 && HEALTH_ROUTES.has(response.route)) result.healthDuringOutage++;
    else result.badDuringOutage.push(response);
  }
  return result;
}

/** Robots whose applied config is not their desired one, or whose desired policy is not the expected. */
export function checkConfigs(
  robots: readonly {
    id: string;
    name: string;
    desiredVersion: number;
    appliedVersion: number;
    desiredPolicy: string | null;
  }[],
  expectedPolicy: (robotId: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  for (const robot of robots) {
    if (robot.appliedVersion !== robot.desiredVersion) {
      problems.push(
        `${robot.name}: applied config v${robot.appliedVersion}, desired v${robot.desiredVersion}`,
      );
    }
    const expected = expectedPolicy(robot.id);
    if (expected && robot.desiredPolicy !== expected) {
      problems.push(`${robot.name}: desired policy version ${robot.desiredPolicy}, expected ${expected}`);
    }
  }
  return problems;
}
