import { z } from 'zod';

const days = z.number().nullable().describe('days; null = unbounded (no wear growth seen in the window)');

/** `GET /v1/fleet/summary`: the numbers of the dashboard's overview, computed over the whole fleet. */
export const FleetSummarySchema = z.object({
  groupId: z.uuid().nullable(),
  at: z.iso.datetime({ offset: true }),
  windowMinutes: z.number().int(),
  robots: z.object({
    total: z.number().int(),
    online: z.number().int().describe('seen in the last 60 s'),
    offline: z.number().int(),
    reporting: z.number().int().describe('robots with telemetry in the window'),
  }),
  window: z.object({
    steps: z.number(),
    writes: z.number(),
    writesPerStep: z.number().nullable(),
    writesPerHour: z.number(),
    flashBytes: z.number(),
  }),
  memory: z.object({
    stateBytesPerRobot: z.number().int().describe('AURA-Mem state, constant: 4,224 B'),
    maxKvEquivalentBytes: z
      .number()
      .describe("what a same-dimension KV-cache would hold at the longest-running robot's step count"),
  }),
  flashLife: z.object({
    lifeTargetDays: z.number(),
    medianDays: days,
    worstDays: days,
    belowTarget: z.number().int().describe('reporting robots whose projected flash life is below the target'),
    worst: z
      .array(z.object({ robotId: z.uuid(), name: z.string(), projectedLifeDays: z.number() }))
      .describe('up to 5 robots with the shortest finite projected life'),
  }),
  wear: z.object({
    medianFraction: z
      .number()
      .nullable()
      .describe('estimated fraction of rated endurance used, latest report'),
    worstFraction: z.number().nullable(),
    worstDeviceFraction: z
      .number()
      .nullable()
      .describe(
        'highest wear a device reported itself (eMMC life_time, NVMe percentage used), as a fraction',
      ),
  }),
});
export type FleetSummary = z.infer<typeof FleetSummarySchema>;
