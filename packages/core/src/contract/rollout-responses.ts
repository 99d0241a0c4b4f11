import { z } from 'zod';
import { ROLLOUT_ROBOT_STATES, ROLLOUT_STATUSES, RolloutSpecSchema } from '../fleet/rollout-spec.js';
import { DateTimeSchema, IdSchema } from './operator-responses.js';
import { TauSchema } from './tau.js';

/** Rollouts, their steps, members and verdicts, and previews, as the operator API answers. */
const id = IdSchema;
const date = DateTimeSchema;
const nullableNumber = z.number().nullable();

export const RolloutSchema = z.object({
  id,
  name: z.string(),
  policyVersionId: id,
  status: z.enum(ROLLOUT_STATUSES),
  spec: RolloutSpecSchema.describe('As created, with every default filled in'),
  currentStep: z.number().int(),
  stepStartedAt: date.nullable(),
  evaluateAfter: date.nullable(),
  revision: z.number().int(),
  statusReason: z.string().nullable(),
  createdById: id.nullable(),
  createdAt: date,
  startedAt: date.nullable(),
  endedAt: date.nullable(),
});
export type Rollout = z.infer<typeof RolloutSchema>;

const creator = {
  createdByName: z.string().nullable().describe('Name of the operator who created it (null if deleted)'),
};
export const CreatedRolloutSchema = RolloutSchema.extend({ targets: z.number().int() });
export const RolloutListSchema = z.object({
  total: z.number().int().describe('Rollouts matching the filter'),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(RolloutSchema.extend(creator)),
});

/** One side of a verdict: a cohort (or its reference) over the evaluation window. */
export const CohortNumbersSchema = z.object({
  robots: z.number().int().describe('Members (switched, or control)'),
  reporting: z.number().int().describe('Members that sent telemetry in the window'),
  steps: z.number(),
  writes: z.number(),
  episodesCompleted: z.number(),
  episodesSucceeded: z.number(),
  samples: z
    .number()
    .optional()
    .describe('Steps counted towards the sample minimum (each robot capped); absent on older verdicts'),
  writeRate: nullableNumber.describe('Writes per step (a trimmed mean over robots)'),
  successRate: nullableNumber.describe('Episode success rate (a trimmed mean over robots)'),
  minProjectedLifeDays: nullableNumber.describe('Shortest projected flash life; null = unbounded'),
  trimmed: z.number().int().optional().describe('Robots set aside at each end; absent on older verdicts'),
  writeRateStdError: nullableNumber
    .optional()
    .describe('Standard error of writeRate across robots (Yuen); absent on older verdicts'),
  writeRateKept: z.number().int().optional().describe('Robots the spread of writeRate rests on'),
  successRateStdError: nullableNumber
    .optional()
    .describe('Standard error of successRate across robots (Yuen); absent on older verdicts'),
  successRateKept: z.number().int().optional().describe('Robots the spread of successRate rests on'),
});

/** Whether a gate's difference is above the noise between robots (one-sided Yuen–Welch t-test). */
export const NoiseTestSchema = z.object({
  t: nullableNumber.describe('Difference over its standard error; null when a side has no spread'),
  df: nullableNumber.describe('Welch degrees of freedom'),
  critical: nullableNumber.describe(
    '1 − α quantile of Student’s t at ⌊df⌋ that t must exceed (α: the verdict’s `alpha`; 2.5 % on older verdicts)',
  ),
  significant: z.boolean(),
});

export const VerdictNumbersSchema = z.object({
  cohort: CohortNumbersSchema,
  reference: CohortNumbersSchema,
  unreachable: z.number().int(),
  writeRateIncrease: nullableNumber.describe('Cohort write rate over the reference’s, minus 1'),
  successRateDrop: nullableNumber.describe('Reference success rate minus the cohort’s'),
  writeRateTest: NoiseTestSchema.nullable()
    .optional()
    .describe('Is the write-rate difference above noise? Absent on older verdicts'),
  successRateTest: NoiseTestSchema.nullable()
    .optional()
    .describe('Is the success-rate drop above noise? Absent on older verdicts'),
  look: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe(
      'Which tested evaluation of the step this was (1 = at the end of its bake); null when it stopped before testing (too few robots or samples). Absent on older verdicts',
    ),
  alpha: nullableNumber
    .optional()
    .describe(
      'One-sided level of this look’s noise tests: 2.5 % · 6 / (π² · look²), so all of a step’s looks together fail by chance at most 2.5 % of the time',
    ),
});
export type VerdictNumbers = z.infer<typeof VerdictNumbersSchema>;

export const RolloutVerdictSchema = z.object({
  id: z.string(),
  rolloutId: id,
  stepIndex: z.number().int(),
  result: z.enum(['pass', 'fail', 'inconclusive']),
  comparison: z.enum(['control', 'baseline']),
  reason: z.string(),
  numbers: VerdictNumbersSchema,
  createdAt: date,
});
export type RolloutVerdict = z.infer<typeof RolloutVerdictSchema>;

export const RolloutDetailSchema = RolloutSchema.extend({
  ...creator,
  steps: z.array(
    z.object({
      index: z.number().int(),
      percent: z.number().int(),
      bakeSeconds: z.number().int(),
      robots: z
        .partialRecord(z.enum(ROLLOUT_ROBOT_STATES), z.number().int())
        .describe('Robots of this step by per-robot state'),
    }),
  ),
  verdicts: z.array(RolloutVerdictSchema),
  revert: z.object({ reverted: z.number().int(), confirmed: z.number().int() }),
});
export type RolloutDetail = z.infer<typeof RolloutDetailSchema>;

export const RolloutMemberListSchema = z.object({
  total: z.number().int().describe('Members matching the filters'),
  items: z.array(
    z.object({
      robotId: id,
      name: z.string(),
      stepIndex: z.number().int(),
      state: z.enum(ROLLOUT_ROBOT_STATES),
      stateReason: z.string().nullable(),
      configVersion: z.number().int().nullable().describe('Config version that carried the new policy'),
      revertConfigVersion: z.number().int().nullable().describe('Config version that reverted the robot'),
      revertConfirmed: z.boolean().describe('The robot acknowledged its revert config as applied'),
      updatedAt: date,
    }),
  ),
});

/** What an agent-facet filter (agentVersions, arch, flashKinds) left out of a target; 0 without one. */
const targetLeftOut = {
  unreported: z
    .number()
    .int()
    .describe(
      'Robots left out because their agent never reported (PUT /v1/agent/report): a target with agent facets cannot judge them',
    ),
  notMatching: z
    .number()
    .int()
    .describe('Robots left out because their reported agent version, arch or flash kind does not match'),
};

export const RolloutTargetCountSchema = z.object({
  robots: z
    .number()
    .int()
    .describe(
      'Robots in groups ∪ tags ∪ ids (the fleet when none is named), each once, that pass the agent facets',
    ),
  ...targetLeftOut,
});

export const RolloutPreviewSchema = z.object({
  targets: z.number().int(),
  ...targetLeftOut,
  policyVersion: z.object({ id, tau: TauSchema }),
  model: z.object({
    version: z.string(),
    task: z.string(),
    writeRateAtNewTau: z.number(),
    prediction: z
      .enum(['tau-curve', 'simulation'])
      .describe(
        "What the old-τ-vs-new-τ predictions come from: the model's committed τ curve, or (when it has no usable curve) a simulation of the model at both τ, which predicts writes only",
      ),
    predictionNote: z.string().nullable().describe('Why the τ curve was not used (null when it was)'),
    successAtNewTau: nullableNumber.describe(
      "The τ curve's episode success rate at the new τ (null without a curve)",
    ),
  }),
  windowMinutes: z.number().int(),
  cohortsProvisional: z
    .boolean()
    .describe('True for a spec not yet created: real cohorts depend on the rollout id'),
  lifeTargetDays: z.number(),
  cohorts: z.array(
    z.object({
      step: z.number().int(),
      percent: z.number().int(),
      robots: z.number().int(),
      withData: z.number().int(),
      currentWritesPerStep: nullableNumber,
      predictedWritesPerStep: nullableNumber,
      currentSuccess: nullableNumber.describe(
        "Median over the cohort's robots of the τ curve's episode success rate at each robot's current τ",
      ),
      predictedSuccess: nullableNumber.describe("The τ curve's episode success rate at the new τ"),
      predictedSuccessChange: nullableNumber.describe(
        'Median over the robots of success at the new τ minus at their current τ (−0.02 = two points lower)',
      ),
      medianProjectedLifeDays: nullableNumber.describe('null = unbounded (no wear growth seen)'),
      minProjectedLifeDays: nullableNumber,
      belowTarget: z.number().int(),
    }),
  ),
  robotsWithoutData: z.number().int(),
  robotsBelowTarget: z.array(
    z.object({
      robotId: id,
      name: z.string(),
      step: z.number().int(),
      currentLifeDays: nullableNumber,
      projectedLifeDays: nullableNumber,
      predictedWritesPerStep: z.number(),
    }),
  ),
});
export type RolloutPreview = z.infer<typeof RolloutPreviewSchema>;
