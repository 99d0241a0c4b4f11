import { satisfies, validRange } from 'semver';
import { z } from 'zod';
import { FLASH_KINDS, type FlashKind } from '../contract/wire-contract.js';

/**
 * A staged gate-threshold rollout (DESIGN.md §6), as operators submit it and the dashboard validates
 * it inline. Percentages are cumulative shares of the target set; the last step is always 100.
 */
const percent = z
  .number({ error: 'must be a number' })
  .int('must be a whole percentage')
  .min(1, 'must be between 1 and 100')
  .max(100, 'must be between 1 and 100');

export const RolloutStepSchema = z
  .object({
    percent,
    bakeSeconds: z
      .number({ error: 'must be a number of seconds' })
      .int('must be whole seconds')
      .min(0, 'must be ≥ 0')
      .max(7 * 86_400, 'must be at most 7 days'),
  })
  .strict();

export const HealthGatesSchema = z
  .object({
    /** Cohort write rate (writes per step) may exceed control's by at most this fraction (0.2 = +20 %). */
    maxWriteRateIncrease: z.number().min(0, 'must be ≥ 0').max(100).default(0.25),
    /** Cohort success rate may fall short of control's by at most this many points (0.05 = 5 points). */
    maxSuccessRateDrop: z.number().min(0, 'must be ≥ 0').max(1, 'must be ≤ 1').default(0.05),
    /** No cohort robot may project less flash life than this, in days. */
    minProjectedFlashLifeDays: z
      .number()
      .min(0, 'must be ≥ 0')
      .max(365 * 100)
      .default(365),
    /**
     * Fewer robots reporting in either cohort → inconclusive. Below 3 one robot decides the cohort's
     * rates (nothing can be trimmed; see summarizeCohort), hence the default.
     */
    minRobotsPerCohort: z.number().int().min(1, 'must be ≥ 1').max(100_000).default(3),
    /** Fewer telemetry steps in either cohort (each robot counted up to 2× the median) → inconclusive. */
    minSamplesPerCohort: z.number().int().min(1, 'must be ≥ 1').max(1e12).default(1000),
    /**
     * The write-rate and success-rate gates fail only when the difference is also above the noise
     * between robots (one-sided Yuen t-test over per-robot rates, 2.5 % level); a limit exceeded
     * within noise is inconclusive. `false`: the bare limits decide, as before this setting existed.
     */
    requireSignificance: z.boolean().default(true),
  })
  .strict();
export type HealthGates = z.infer<typeof HealthGatesSchema>;

/**
 * What the robots' agents report (`PUT /v1/agent/report`) that a target can filter on. Each facet
 * narrows the robots named by groups ∪ tags ∪ ids (the whole fleet when none is named); facets combine
 * with AND, the values of one facet with OR. A robot whose agent never reported is left out of any
 * target with a facet (the count and previews say how many).
 */
export const AgentTargetFacetsSchema = z.object({
  agentVersions: z
    .string({ error: 'must be a semver range' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .refine((range) => validRange(range) !== null, {
      message: 'must be a semver range, e.g. ">=0.3.0 <0.5.0", "^0.4", "0.3.1 || 0.4.0" or an exact "0.4.2"',
    })
    .optional()
    .describe('npm semver range the agent version must satisfy (pre-releases only when the range names one)'),
  arch: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9_]{1,20}$/, 'must be an architecture as Node.js names it (x64, arm64, arm, …)'),
    )
    .min(1, 'must name at least one architecture (or leave it out)')
    .max(10)
    .optional()
    .describe('CPU architectures as the agent reports them (Node.js process.arch: x64, arm64, arm, …)'),
  flashKinds: z
    .array(z.enum(FLASH_KINDS, { error: `must be one of ${FLASH_KINDS.join(', ')}` }))
    .min(1, 'must name at least one flash kind (or leave it out)')
    .max(FLASH_KINDS.length)
    .optional()
    .describe('kind of the flash device holding the agent state, as reported'),
});
export type AgentTargetFacets = z.infer<typeof AgentTargetFacetsSchema>;

export const RolloutTargetSchema = z
  .object({
    groupIds: z.array(z.uuid()).max(100).default([]),
    tags: z.array(z.string().min(1).max(63)).max(50).default([]),
    robotIds: z.array(z.uuid()).max(100_000).default([]),
    ...AgentTargetFacetsSchema.shape,
  })
  .strict()
  .refine((t) => t.groupIds.length + t.tags.length + t.robotIds.length > 0 || hasAgentFacets(t), {
    message: 'must name at least one group, tag or robot, or filter by agent version, arch or flash kind',
  });
export type RolloutTarget = z.infer<typeof RolloutTargetSchema>;

/** Does the target filter on what agents report (so robots that never reported are left out)? */
export function hasAgentFacets(target: AgentTargetFacets): boolean {
  return target.agentVersions !== undefined || target.arch !== undefined || target.flashKinds !== undefined;
}

/** The reported facts a target's facets are checked against (null: the agent never reported). */
export interface ReportedAgentFacts {
  agentVersion: string;
  arch: string;
  flashKind: FlashKind | string | null;
}

/**
 * Whether a robot passes the target's agent facets. Without facets every robot passes; with any, a
 * robot that never reported fails, and an agent version that is not valid semver fails a version range.
 */
export function matchesAgentFacets(target: AgentTargetFacets, facts: ReportedAgentFacts | null): boolean {
  if (!hasAgentFacets(target)) return true;
  if (!facts) return false;
  if (target.agentVersions !== undefined && !satisfies(facts.agentVersion, target.agentVersions))
    return false;
  if (target.arch !== undefined && !target.arch.includes(facts.arch)) return false;
  if (target.flashKinds !== undefined && !target.flashKinds.some((kind) => kind === facts.flashKind))
    return false;
  return true;
}

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour, UTC)');

export const RolloutSpecSchema = z
  .object({
    policyVersionId: z.uuid({ error: 'must be a policy version id' }),
    target: RolloutTargetSchema,
    steps: z
      .array(RolloutStepSchema)
      .min(1, 'must have at least one step')
      .max(20, 'must have at most 20 steps'),
    gates: HealthGatesSchema.default(HealthGatesSchema.parse({})),
    onFailure: z.enum(['rollback', 'pause']).default('rollback'),
    /** Robots per minute moved onto the new version (delivery batches); absent = no limit. */
    rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
    /** Steps start only inside this daily UTC window (e.g. a night shift). */
    applyWindow: z.object({ start: clock, end: clock }).strict().optional(),
    /** An inconclusive verdict is retried until this many seconds after the bake ends, then pauses. */
    inconclusiveDeadlineSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(600),
  })
  .strict()
  .superRefine((spec, ctx) => {
    spec.steps.forEach((step, index) => {
      const previous = spec.steps[index - 1];
      if (previous && step.percent <= previous.percent) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'percent'],
          message: `must be greater than the previous step's ${previous.percent}`,
        });
      }
    });
    const last = spec.steps[spec.steps.length - 1];
    if (last && last.percent !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', spec.steps.length - 1, 'percent'],
        message: 'the last step must be 100',
      });
    }
    if (spec.applyWindow && spec.applyWindow.start === spec.applyWindow.end) {
      ctx.addIssue({ code: 'custom', path: ['applyWindow', 'end'], message: 'must differ from start' });
    }
  });
export type RolloutSpec = z.infer<typeof RolloutSpecSchema>;
export type RolloutSpecInput = z.input<typeof RolloutSpecSchema>;

/** Is `at` inside the daily UTC window [start, end)? Windows may wrap past midnight. */
export function insideApplyWindow(window: RolloutSpec['applyWindow'], at: Date): boolean {
  if (!window) return true;
  const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** A rollout's lifecycle (docs/rollouts.md). */
export const ROLLOUT_STATUSES = [
  'draft',
  'running',
  'paused',
  'succeeded',
  'rolled_back',
  'aborted',
] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** Statuses in which a rollout holds its robots (the others are final, or not started). */
export const ACTIVE_ROLLOUT_STATUSES = ['running', 'paused'] as const satisfies readonly RolloutStatus[];

/** What an operator can do to a rollout (docs/rollouts.md, "Lifecycle"). */
export const ROLLOUT_VERBS = ['start', 'pause', 'resume', 'promote', 'abort'] as const;
export type RolloutVerb = (typeof ROLLOUT_VERBS)[number];

/** The verbs a rollout in each status accepts; the API refuses the others with 409. */
export const ROLLOUT_VERBS_BY_STATUS: Readonly<Record<RolloutStatus, readonly RolloutVerb[]>> = {
  draft: ['start', 'abort'],
  running: ['pause', 'promote', 'abort'],
  paused: ['resume', 'abort'],
  succeeded: [],
  rolled_back: [],
  aborted: [],
};

/**
 * The statuses a verb leads to. Repeating a verb on a rollout already there changes nothing (it is
 * not refused): starting a running rollout, pausing a paused one. `promote` is never a repeat.
 */
export const ROLLOUT_VERB_OUTCOMES: Readonly<Record<RolloutVerb, readonly RolloutStatus[]>> = {
  start: ACTIVE_ROLLOUT_STATUSES,
  pause: ['paused'],
  resume: ['running'],
  promote: [],
  abort: ['aborted'],
};

/** `allowed` (do it), `repeat` (already done: nothing changes) or `refused` (409). */
export function checkRolloutVerb(status: RolloutStatus, verb: RolloutVerb): 'allowed' | 'repeat' | 'refused' {
  if (ROLLOUT_VERBS_BY_STATUS[status].includes(verb)) return 'allowed';
  return ROLLOUT_VERB_OUTCOMES[verb].includes(status) ? 'repeat' : 'refused';
}

/**
 * A robot's state in a rollout, in lifecycle order (docs/rollouts.md, "Per-robot states"). `skipped`:
 * the rollout ended (abort, rollback) before the robot's step was switched; it never got the config.
 */
export const ROLLOUT_ROBOT_STATES = [
  'pending',
  'delivered',
  'applied',
  'verified',
  'rejected',
  'timed_out',
  'unreachable',
  'reverted',
  'skipped',
] as const;
export type RolloutRobotState = (typeof ROLLOUT_ROBOT_STATES)[number];
