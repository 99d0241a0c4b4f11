import { describe, expect, it } from 'vitest';
import { describeIssues } from '../contract/wire-contract.js';
import { assignRolloutCohorts } from './assign-rollout-cohorts.js';
import {
  checkRolloutVerb,
  insideApplyWindow,
  matchesAgentFacets,
  ROLLOUT_VERBS_BY_STATUS,
  RolloutSpecSchema,
  RolloutTargetSchema,
} from './rollout-spec.js';

const versionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('rollout target: agent version and hardware facets', () => {
  const paths = (input: unknown) => {
    const result = RolloutTargetSchema.safeParse(input);
    return result.success ? [] : describeIssues(result.error).map((i) => i.path);
  };

  it('accepts semver ranges, architectures and flash kinds, alone or narrowing groups and tags', () => {
    expect(paths({ agentVersions: '>=0.3.0 <0.5.0' })).toEqual([]);
    expect(paths({ agentVersions: '0.3.1 || 0.4.0', arch: ['arm64'], tags: ['site.a'] })).toEqual([]);
    expect(paths({ flashKinds: ['emmc', 'sd'] })).toEqual([]);
    expect(RolloutTargetSchema.parse({ agentVersions: ' ^0.4 ' }).agentVersions).toBe('^0.4');
  });

  it('names the field of a bad facet, and still wants something to target', () => {
    expect(paths({ agentVersions: 'latest please' })).toEqual(['agentVersions']);
    expect(paths({ agentVersions: '' })).toEqual(['agentVersions']);
    expect(paths({ arch: ['ARM 64'] })).toEqual(['arch[0]']);
    expect(paths({ arch: [] })).toEqual(['arch']);
    expect(paths({ flashKinds: ['floppy'] })).toEqual(['flashKinds[0]']);
    // the target itself (in a rollout spec: `target`)
    expect(paths({ osVersion: '12' })).toContain('(body)');
    expect(paths({})).toEqual(['(body)']);
  });

  it('matches reported facts: facets AND, values OR; a robot that never reported matches no facet', () => {
    const facts = { agentVersion: '0.4.2', arch: 'arm64', flashKind: 'emmc' };
    expect(matchesAgentFacets({}, null)).toBe(true);
    expect(matchesAgentFacets({ agentVersions: '^0.4' }, facts)).toBe(true);
    expect(matchesAgentFacets({ agentVersions: '>=0.5.0' }, facts)).toBe(false);
    expect(matchesAgentFacets({ agentVersions: '0.3.1 || 0.4.2' }, facts)).toBe(true);
    expect(matchesAgentFacets({ agentVersions: '^0.4' }, { ...facts, agentVersion: '0.4.3-rc.1' })).toBe(
      false,
    );
    expect(matchesAgentFacets({ agentVersions: '^0.4' }, { ...facts, agentVersion: 'dev-build' })).toBe(
      false,
    );
    expect(matchesAgentFacets({ arch: ['x64', 'arm64'], flashKinds: ['emmc'] }, facts)).toBe(true);
    expect(matchesAgentFacets({ arch: ['x64'], flashKinds: ['emmc'] }, facts)).toBe(false);
    expect(matchesAgentFacets({ flashKinds: ['nvme'] }, { ...facts, flashKind: null })).toBe(false);
    expect(matchesAgentFacets({ arch: ['arm64'] }, null)).toBe(false);
  });
});

describe('rollout spec', () => {
  it('fills sane defaults', () => {
    const spec = RolloutSpecSchema.parse({
      policyVersionId: versionId,
      target: { tags: ['site.a'] },
      steps: [
        { percent: 10, bakeSeconds: 600 },
        { percent: 100, bakeSeconds: 600 },
      ],
    });
    expect(spec.onFailure).toBe('rollback');
    expect(spec.gates).toMatchObject({ maxWriteRateIncrease: 0.25, minSamplesPerCohort: 1000 });
  });

  it('names each problem precisely', () => {
    const result = RolloutSpecSchema.safeParse({
      policyVersionId: 'nope',
      target: {},
      steps: [
        { percent: 50, bakeSeconds: 60 },
        { percent: 40, bakeSeconds: 60 },
        { percent: 90, bakeSeconds: -1 },
      ],
      onFailure: 'panic',
    });
    const issues = describeIssues(result.error!);
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['policyVersionId', 'target', 'steps[2].bakeSeconds', 'onFailure']),
    );
    const ordered = RolloutSpecSchema.safeParse({
      policyVersionId: versionId,
      target: { tags: ['a'] },
      steps: [
        { percent: 50, bakeSeconds: 60 },
        { percent: 40, bakeSeconds: 60 },
      ],
    });
    expect(describeIssues(ordered.error!)).toEqual([
      { path: 'steps[1].percent', message: "must be greater than the previous step's 50" },
      { path: 'steps[1].percent', message: 'the last step must be 100' },
    ]);
  });

  it('knows its UTC apply window, also across midnight', () => {
    expect(insideApplyWindow(undefined, new Date())).toBe(true);
    const night = { start: '22:00', end: '06:00' };
    expect(insideApplyWindow(night, new Date('2026-11-24T23:30:00Z'))).toBe(true);
    expect(insideApplyWindow(night, new Date('2026-11-24T05:59:00Z'))).toBe(true);
    expect(insideApplyWindow(night, new Date('2026-11-24T12:00:00Z'))).toBe(false);
  });
});

describe('cohort assignment', () => {
  const steps = [{ percent: 10 }, { percent: 50 }, { percent: 100 }];
  const robots = Array.from(
    { length: 2000 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

  it('is stable and spreads robots by percentage', () => {
    const a = assignRolloutCohorts('r1', robots, steps);
    const b = assignRolloutCohorts('r1', robots, steps);
    expect([...a]).toEqual([...b]);
    const counts = [0, 0, 0];
    for (const step of a.values()) counts[step]!++;
    expect(counts).toEqual([200, 800, 1000]); // exact shares: 10 %, then up to 50 %, then the rest
  });

  it('gives every step its exact share on a small fleet, whatever the rollout id', () => {
    const twelve = robots.slice(0, 12);
    const quarters = [{ percent: 25 }, { percent: 50 }, { percent: 100 }];
    for (let r = 0; r < 50; r++) {
      const counts = [0, 0, 0];
      for (const step of assignRolloutCohorts(`rollout-${r}`, twelve, quarters).values()) counts[step]!++;
      expect(counts).toEqual([3, 3, 6]);
    }
    // A share that is not a whole robot rounds up: 10 % of 5 robots is 1, not 0.
    const five = assignRolloutCohorts('r1', robots.slice(0, 5), [{ percent: 10 }, { percent: 100 }]);
    expect([...five.values()].filter((step) => step === 0)).toHaveLength(1);
    expect(() => assignRolloutCohorts('r1', twelve, [{ percent: 50 }])).toThrow(/last step/);
  });

  it('only adds robots when a percentage is raised, and differs between rollouts', () => {
    const before = assignRolloutCohorts('r1', robots, [{ percent: 10 }, { percent: 100 }]);
    const after = assignRolloutCohorts('r1', robots, [{ percent: 20 }, { percent: 100 }]);
    for (const [robot, step] of before) if (step === 0) expect(after.get(robot)).toBe(0);
    // Each rollout draws its own sample: a robot early in one is not early in every rollout.
    const other = assignRolloutCohorts('r2', robots, [{ percent: 10 }, { percent: 100 }]);
    const firstInBoth = robots.filter((robot) => before.get(robot) === 0 && other.get(robot) === 0);
    expect(firstInBoth.length / 200).toBeLessThan(0.25); // ≈ 10 % by chance
  });
});

describe('rollout verbs by status', () => {
  it('allows each status its verbs, repeats as no-ops, refuses the rest', () => {
    expect(checkRolloutVerb('draft', 'start')).toBe('allowed');
    expect(checkRolloutVerb('running', 'start')).toBe('repeat');
    expect(checkRolloutVerb('paused', 'start')).toBe('repeat');
    expect(checkRolloutVerb('succeeded', 'start')).toBe('refused');
    expect(checkRolloutVerb('paused', 'pause')).toBe('repeat');
    expect(checkRolloutVerb('draft', 'pause')).toBe('refused');
    expect(checkRolloutVerb('running', 'resume')).toBe('repeat');
    expect(checkRolloutVerb('paused', 'promote')).toBe('refused');
    expect(checkRolloutVerb('aborted', 'abort')).toBe('repeat');
    expect(checkRolloutVerb('rolled_back', 'abort')).toBe('refused');
    for (const status of ['succeeded', 'rolled_back', 'aborted'] as const) {
      expect(ROLLOUT_VERBS_BY_STATUS[status]).toEqual([]);
    }
  });
});
