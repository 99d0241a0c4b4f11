import { createHash } from 'node:crypto';

/**
 * Stable percentage buckets (as Unleash does): a robot's bucket in a rollout depends only on the
 * rollout and robot ids, so raising a step's percentage only ever adds robots, and a robot that is in
 * stays in ("once in, stay in") whatever process computes it.
 */
export function rolloutBucket(rolloutId: string, robotId: string): number {
  const digest = createHash('sha256').update(`${rolloutId}:${robotId}`).digest();
  return digest.readUInt32BE(0) % 100; // 0..99
}

/** Index of the first step whose cumulative percentage covers the bucket. */
export function cohortStep(bucket: number, steps: readonly { percent: number }[]): number {
  const index = steps.findIndex((step) => bucket < step.percent);
  if (index < 0) throw new Error(`bucket ${bucket} is covered by no step (the last step must be 100)`);
  return index;
}

/** Step index of each robot. */
export function assignRolloutCohorts(
  rolloutId: string,
  robotIds: readonly string[],
  steps: readonly { percent: number }[],
): Map<string, number> {
  return new Map(robotIds.map((robotId) => [robotId, cohortStep(rolloutBucket(rolloutId, robotId), steps)]));
}
