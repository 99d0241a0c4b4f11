import { driveSyntheticRobot } from '../runtime/synthetic-robot.js';
import type { RunIo } from './run-command.js';
import { connectToAgent } from './status-command.js';

/**
 * `aura-agent synthetic-robot`: core's synthetic task as a robot stack would be, a client of the
 * running agent's socket: it sends each observation, acts on the action and reports episode ends.
 * For trying an installed agent end to end before plugging in the real robot.
 */
export async function syntheticRobotCommand(
  options: { config?: string; socket?: string; hz: number; steps?: number; duration?: number },
  io: RunIo,
): Promise<number> {
  const connected = await connectToAgent(options, io);
  if (typeof connected === 'number') return connected;
  const { client, socket } = connected;
  const agent = await client.hello('aura-agent synthetic-robot');
  if (agent.obsDims === null) {
    io.err.write(
      'aura-agent: the agent has no backbone for observations; the synthetic robot sends observations\n',
    );
    await client.close();
    return 1;
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const timer = options.duration ? setTimeout(() => stop.abort(), options.duration * 1000) : undefined;
  io.err.write(
    `aura-agent synthetic-robot: driving ${agent.name ?? 'the agent'} (model ${agent.model.name}, task ${
      agent.model.task
    }) on ${socket} at ${options.hz > 0 ? `${options.hz} Hz` : 'full speed'}, from step ${agent.steps}\n`,
  );
  try {
    const r = await driveSyntheticRobot(
      { stepObservation: (obs) => client.stepObservation(obs), endEpisode: (s) => client.endEpisode(s) },
      {
        task: agent.model.task ?? 'hard',
        startStep: agent.steps,
        hz: options.hz,
        ...(options.steps !== undefined ? { steps: options.steps } : {}),
        signal: stop.signal,
      },
    );
    io.out.write(`synthetic robot: ${r.steps} steps, ${r.episodes} episodes\n`);
    return 0;
  } finally {
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await client.close();
  }
}
