import { describe, expect, it } from 'vitest';
import { createBackbone } from './create-backbone.js';
import {
  generateTaskEpisode,
  getTaskConfig,
  heldOutEpisodeSeed,
  OBS_DIMS,
  oracleWrites,
  TASK_CONFIGS,
  trainEpisodeSeed,
} from './generate-task-episode.js';

describe('synthetic tasks', () => {
  it('are reproducible per seed and differ across seeds', () => {
    const c = getTaskConfig('hard');
    const a = generateTaskEpisode(c, 5);
    const b = generateTaskEpisode(c, 5);
    const d = generateTaskEpisode(c, 6);
    expect(b.steps.map((s) => [s.kind, s.key, s.value, s.target])).toEqual(
      a.steps.map((s) => [s.kind, s.key, s.value, s.target]),
    );
    expect(b.steps.map((s) => Array.from(s.obs))).toEqual(a.steps.map((s) => Array.from(s.obs)));
    expect(d.steps.map((s) => s.kind)).not.toEqual(a.steps.map((s) => s.kind));
  });

  it('has the configured composition, and every query target is the latest event value for its key', () => {
    for (const c of Object.values(TASK_CONFIGS)) {
      for (let seed = 0; seed < 50; seed++) {
        const ep = generateTaskEpisode(c, seed);
        expect(ep.steps).toHaveLength(c.episodeLength);
        const n = (k: string) => ep.steps.filter((s) => s.kind === k).length;
        expect(n('event')).toBe(c.events);
        expect(n('query')).toBe(c.queries);
        expect(n('distractor')).toBe(c.distractors);
        const current = new Map<number, number>();
        for (const s of ep.steps) {
          expect(s.obs).toHaveLength(OBS_DIMS);
          if (s.kind === 'event') {
            expect(s.value).not.toBe(current.get(s.key)); // a real event changes the answer
            current.set(s.key, s.value);
          }
          if (s.kind === 'query') expect(s.target).toBe(current.get(s.key));
          else expect(s.target).toBe(-1);
        }
      }
    }
  });

  it('puts the oracle at 4-5x fewer writes than always-write on hard and 9-10x on easy', () => {
    const ratio = (name: string) => {
      const c = getTaskConfig(name);
      let steps = 0;
      let writes = 0;
      for (let s = 0; s < 20; s++) {
        const ep = generateTaskEpisode(c, s);
        steps += ep.steps.length;
        writes += oracleWrites(ep);
      }
      return steps / writes;
    };
    expect(ratio('hard')).toBeGreaterThanOrEqual(4);
    expect(ratio('hard')).toBeLessThanOrEqual(5);
    expect(ratio('easy')).toBeGreaterThanOrEqual(9);
    expect(ratio('easy')).toBeLessThanOrEqual(10);
    expect(ratio('recall')).toBe(5);
  });

  it('keeps training and held-out episode seeds disjoint', () => {
    const train = new Set(Array.from({ length: 1000 }, (_, i) => trainEpisodeSeed(3, i)));
    for (let i = 0; i < 1000; i++) expect(train.has(heldOutEpisodeSeed(3, i))).toBe(false);
    expect(() => getTaskConfig('nope')).toThrow(/unknown task config/);
  });

  it('encodes observations with a fixed seeded backbone', () => {
    const a = createBackbone(OBS_DIMS, 16, 9);
    const b = createBackbone(OBS_DIMS, 16, 9);
    const obs = generateTaskEpisode(getTaskConfig('easy'), 1).steps[0]!.obs;
    expect(a.encode(obs)).toEqual(b.encode(obs));
    expect(createBackbone(OBS_DIMS, 16, 10).encode(obs)).not.toEqual(a.encode(obs));
    for (const x of a.encode(obs)) expect(Math.abs(x)).toBeLessThan(1);
  });
});
