import { setTimeout as sleep } from 'node:timers/promises';
import { SyntheticTaskEnvironment } from './environment.js';

/** What the synthetic robot needs from an agent: the in-process {@link AuraAgent} or a socket client. */
export interface SyntheticDriver {
  stepObservation(obs: Float32Array): Promise<{ action: ArrayLike<number> }>;
  endEpisode(success?: boolean): unknown;
}

export interface SyntheticRobotOptions {
  /** core task name (the model's `aura.task`) */
  task: string;
  seed?: number;
  /** resume the task's seeded stream at this step (the agent's step count) */
  startStep?: number;
  /** steps per second; 0 or undefined = as fast as the agent answers */
  hz?: number;
  /** stop after this many steps */
  steps?: number;
  signal?: AbortSignal;
  /** called after every step */
  onStep?: (step: number) => void;
}

/**
 * Core's synthetic event-stream task driving an agent through the same stepping API a robot uses:
 * observe → step with the observation → act on the action → `episode_end` with the episode's
 * success. It is one client of the agent like any other (`aura-agent run --synthetic` in process,
 * `aura-agent synthetic-robot` over the socket, `aura-agent sim` for a fleet).
 */
export async function driveSyntheticRobot(
  agent: SyntheticDriver,
  options: SyntheticRobotOptions,
): Promise<{ steps: number; episodes: number }> {
  const env = new SyntheticTaskEnvironment(options.task, options.seed ?? 1, options.startStep ?? 0);
  const action = new Float32Array(256);
  const period = options.hz && options.hz > 0 ? 1000 / options.hz : 0;
  let steps = 0;
  let episodes = 0;
  let next = Date.now();
  while (!options.signal?.aborted && (options.steps === undefined || steps < options.steps)) {
    const r = await agent.stepObservation(env.observe());
    const a = r.action instanceof Float32Array ? r.action : action.subarray(0, r.action.length);
    if (a !== r.action) for (let i = 0; i < r.action.length; i++) a[i] = r.action[i] as number;
    const outcome = env.act(a);
    steps++;
    if (outcome.episodeEnd) {
      episodes++;
      await agent.endEpisode(outcome.success);
    }
    options.onStep?.(steps);
    if (period > 0) {
      next += period;
      const wait = next - Date.now();
      if (wait > 0) {
        try {
          await sleep(wait, undefined, options.signal ? { signal: options.signal } : {});
        } catch {
          break; // aborted
        }
      } else if (wait < -1000) next = Date.now(); // fell behind: do not burst to catch up
    } else if (steps % 16 === 0) {
      // a step can resolve without returning to the event loop: let timers, sockets and signals in
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return { steps, episodes };
}
