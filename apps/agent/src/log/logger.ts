import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The agent's one logger: pino JSON lines on stderr (journald under systemd), written synchronously
 * so nothing is lost when the process stops. At the default `info` level the agent logs state
 * changes and errors only (started, enrolled, online/offline, config applied or rejected, a client
 * driving the robot, stopped): no periodic status lines, which would be flash wear the agent does
 * not count.
 */
export function createLogger(
  level: string,
  fields: Record<string, unknown> = {},
  destination: number | NodeJS.WritableStream = 2,
): Logger {
  const stream =
    typeof destination === 'number' ? pino.destination({ dest: destination, sync: true }) : destination;
  return pino(
    {
      level,
      base: { name: 'aura-agent', pid: process.pid, ...fields },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

/** a logger that writes nothing (library use, tests) */
export const silentLogger: Logger = pino({ level: 'silent' });
