import { createHash } from 'node:crypto';

/**
 * Step index of each robot: the robots ordered by their hash of (rollout, robot) (ties by id), and step
 * k takes them up to ⌈percent_k · n / 100⌉, so each step holds its exact share of the targets — 25 % of
 * 12 robots is 3, never 1 or 6 by chance, which on a small fleet decided whether a step had enough
 * robots for its health gate. The order depends only on the ids, so the assignment is stable, a
 * raised percentage only adds robots, and each rollout draws its own order. The engine stores each
 * robot's step when the rollout starts ("once in, stay in"), so later changes to the fleet move no one.
 */
export function assignRolloutCohorts(
  rolloutId: string,
  robotIds: readonly string[],
  steps: readonly { percent: number }[],
): Map<string, number> {
  if (steps.at(-1)?.percent !== 100) throw new Error('the last step must be 100');
  const ranked = robotIds
    .map((robotId) => ({
      robotId,
      key: createHash('sha256').update(`${rolloutId}:${robotId}`).digest('hex'),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.robotId < b.robotId ? -1 : 1));
  const n = ranked.length;
  const cumulative = steps.map((step) => Math.ceil((step.percent * n) / 100));
  return new Map(ranked.map(({ robotId }, rank) => [robotId, cumulative.findIndex((upTo) => rank < upTo)]));
}
