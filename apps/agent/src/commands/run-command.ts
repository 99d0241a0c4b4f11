import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AgentStatus, RobotAgent } from '../agent/robot-agent.js';
import { type AgentConfig, AgentConfigError, loadAgentConfig } from '../config/agent-config.js';
import { RobotControlPlane } from '../control-plane/robot-control-plane.js';
import { CredentialStore } from '../enrollment/credential-store.js';
import { runUploadLoop, type TelemetrySink, TelemetryUploader } from '../telemetry/uploader.js';

export interface RunOptions {
  config: string;
  offline?: boolean;
  steps?: number;
  duration?: number;
  status?: boolean;
}

export const EXIT_CONFIG = 78;

/**
 * How `run` reaches the API. By default a {@link RobotControlPlane}: enrolment, the HTTP telemetry
 * sink over the generated client and config long-polling. A `createSink` given here replaces all of
 * it with that sink alone (unit tests: no enrolment, no config polling).
 */
export interface RunDependencies {
  createSink?: (config: AgentConfig) => Promise<TelemetrySink | undefined>;
  /** custom fetch for the control plane (tests) */
  fetch?: typeof fetch;
  /** control-plane long-poll wait in seconds (default 30) */
  pollWaitSeconds?: number;
  /** how long shutdown may spend flushing the outbox (default 5 s) */
  flushTimeoutMs?: number;
}

const interruptibleSleep = async (ms: number, signal: AbortSignal) => {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // aborted: shutting down
  }
};

const fmtBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

export function formatStatus(s: AgentStatus): string {
  const life = s.endOfLife ? s.endOfLife.toISOString().slice(0, 10) : 'n/a';
  const device = s.deviceWear
    ? ` device ${s.deviceWear.source}=${(s.deviceWear.value * 100).toFixed(0)}%`
    : '';
  return (
    `steps ${s.steps} (${s.stepsPerSecond.toFixed(0)}/s) writes ${(s.writeFraction * 100).toFixed(1)}% ` +
    `τ ${s.tau.toFixed(3)} flash ${fmtBytes(s.flashBytes)} (state ${fmtBytes(s.stateFlashBytes)}) ` +
    `wear ${s.wearFraction.toExponential(2)} eol ${life}${device} ` +
    `outbox ${s.outboxDepth}${s.outboxDropped > 0 ? ` (dropped ${s.outboxDropped})` : ''}`
  );
}

/**
 * `aura-agent run`: one robot from a config file (+ environment). Runs until SIGINT/SIGTERM (or
 * `--steps`/`--duration`), then closes the current telemetry window into the outbox and exits 0.
 */
export async function runCommand(
  options: RunOptions,
  io: { env: Record<string, string | undefined>; out: NodeJS.WriteStream; err: NodeJS.WriteStream },
  deps: RunDependencies = {},
): Promise<number> {
  let config: AgentConfig;
  try {
    config = loadAgentConfig(options.config, io.env);
  } catch (err) {
    if (err instanceof AgentConfigError) {
      io.err.write(`aura-agent: ${err.message}\n`);
      return EXIT_CONFIG;
    }
    throw err;
  }
  const offline = options.offline || !config.api.url;
  if (!offline && !deps.createSink && !config.api.enrollmentToken) {
    const probe = new CredentialStore(path.join(config.stateDir, 'credentials'));
    if (!probe.load()) {
      io.err.write(
        `aura-agent: invalid configuration (${options.config}):\n  - api.enrollmentToken: required to enrol ` +
          `(no credential in ${probe.file}); set it or AURA_AGENT_ENROLLMENT_TOKEN, or use --offline\n`,
      );
      return EXIT_CONFIG;
    }
  }
  const agent = await RobotAgent.open({ config });
  const tty = Boolean(io.out.isTTY);
  io.err.write(
    `aura-agent: model ${config.model.path} (dModel ${agent.model.dims.dModel}), persistence ${config.persistence.mode}, ` +
      `state ${config.stateDir}, resumed at step ${agent.runtime.totals.steps} (${agent.runtime.totals.writes} writes)\n`,
  );
  const sink = offline || !deps.createSink ? undefined : await deps.createSink(config);
  const uploader = sink
    ? new TelemetryUploader(agent.outbox, sink, { batchSize: config.telemetry.batchSize })
    : undefined;
  const uploads = new AbortController();
  const uploadLoop = uploader ? runUploadLoop(uploader, uploads.signal, interruptibleSleep) : undefined;
  const controlPlane =
    offline || deps.createSink || !config.api.url
      ? undefined
      : new RobotControlPlane(agent, {
          apiUrl: config.api.url,
          ...(config.api.enrollmentToken ? { enrollmentToken: config.api.enrollmentToken } : {}),
          ...(config.name ? { name: config.name } : {}),
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
          ...(deps.pollWaitSeconds !== undefined ? { pollWaitSeconds: deps.pollWaitSeconds } : {}),
          log: {
            info: (m) => io.err.write(`${tty ? '\n' : ''}aura-agent: ${m}\n`),
            warn: (m) => io.err.write(`${tty ? '\n' : ''}aura-agent: ${m}\n`),
          },
        });
  if (offline) {
    io.err.write(
      `aura-agent: offline${config.api.url ? ' (--offline)' : ' (no api.url)'}: telemetry stays in the outbox\n`,
    );
  } else if (controlPlane) {
    io.err.write(
      `aura-agent: control plane ${config.api.url}: ${
        controlPlane.credential ? `robot ${controlPlane.credential.robotId}` : 'enrolling'
      }\n`,
    );
    controlPlane.start();
  }
  let stop = false;
  const onSignal = (signal: string) => {
    if (stop) return;
    stop = true;
    io.err.write(`\naura-agent: ${signal}: finishing the step, flushing telemetry\n`);
  };
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);
  const started = Date.now();
  let lastPrint = 0;
  const apiStatus = () =>
    controlPlane
      ? ` api ${controlPlane.state}${controlPlane.state !== 'online' && controlPlane.lastError ? ` (${controlPlane.lastError})` : ''}`
      : '';
  let lastSeq = agent.outbox.lastSeq;
  try {
    while (!stop) {
      await agent.step();
      // a step can resolve without returning to the event loop: let the control plane and signals in
      if (controlPlane || uploader) await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.steps !== undefined && agent.runtime.totals.steps >= options.steps) break;
      if (options.duration !== undefined && Date.now() - started >= options.duration * 1000) break;
      if (options.status !== false) {
        const now = Date.now();
        if (tty && now - lastPrint >= 1000) {
          io.out.write(`\r${formatStatus(agent.status())}${apiStatus()}\u001b[K`);
          lastPrint = now;
        } else if (!tty && agent.outbox.lastSeq !== lastSeq) {
          lastSeq = agent.outbox.lastSeq;
          io.out.write(`${formatStatus(agent.status())}${apiStatus()}\n`);
        }
      }
    }
  } finally {
    agent.closeOpenWindow();
    if (controlPlane) {
      const flushed = await controlPlane.stop(Date.now() + (deps.flushTimeoutMs ?? 5000));
      if (!flushed) {
        io.err.write(
          `aura-agent: could not deliver ${agent.outbox.depth} record(s) before the deadline` +
            `${controlPlane.lastError ? ` (${controlPlane.lastError})` : ''}; they stay in the outbox\n`,
        );
      }
    }
    if (uploader && uploadLoop) {
      uploads.abort();
      await uploadLoop;
      const flushed = await uploader.flush(Date.now() + (deps.flushTimeoutMs ?? 5000), (ms) => sleep(ms));
      if (!flushed) {
        io.err.write(
          `aura-agent: could not deliver ${agent.outbox.depth} record(s) before the deadline` +
            `${uploader.lastError ? ` (${uploader.lastError})` : ''}; they stay in the outbox\n`,
        );
      }
    }
    await agent.close();
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
  io.out.write(`${tty ? '\n' : ''}${formatStatus(agent.status())}\n`);
  io.err.write(
    `aura-agent: stopped at step ${agent.runtime.totals.steps}; outbox holds ${agent.outbox.depth} record(s) up to seq ${agent.outbox.lastSeq}\n`,
  );
  return 0;
}
