import { getTaskConfig, type TaskConfig } from '../src/memory/generate-task-episode.js';

/** The `hard` task shrunk so a test trains on it in a moment: 12 steps, 3 keys, events, queries, distractors. */
export const TINY_TASK: TaskConfig = {
  ...getTaskConfig('hard'),
  name: 'tiny',
  episodeLength: 12,
  nKeys: 3,
  events: 3,
  queries: 3,
  distractors: 3,
};

/** The `hard-v2` (cued-stream) task shrunk likewise: 14 steps, 2 off-channel bindings, 2 repeats. */
export const TINY_V2_TASK: TaskConfig = {
  ...getTaskConfig('hard-v2'),
  name: 'tiny-v2',
  episodeLength: 14,
  nKeys: 3,
  events: 3,
  queries: 3,
  distractors: 2,
  repeats: 2,
};
