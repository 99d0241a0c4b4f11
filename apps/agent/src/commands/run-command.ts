import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuraAgent } from '../agent/aura-agent.js';
import { type AgentStatus, RobotAgent } from '../agent/robot-agent.js';
import { type AgentConfig, AgentConfigError, loadAgentConfig } from '../config/agent-config.js';
import { CaFileError, createHttpTransport, installHttpTransport } from '../control-plane/http-transport.js';
import { CredentialStore } from '../enrollment/credential-store.js';
import { createLogger } from '../log/logger.js';
import { ExecutionProviderError, ModelChecksumError, ModelContractError } from '../model/load-aura-model.js';
import { BackboneMismatchError } from '../runtime/onnx-backbone.js';
import { driveSyntheticRobot } from '../runtime/synthetic-robot.js';
import { runUploadLoop, type TelemetrySink, TelemetryUploader } from '../telemetry/uploader.js';

export interface RunOptions {
  config: string;
  offline?: boolean;
  /** drive the built-in synthetic robot in process (a client of the stepping API) */
  synthetic?: boolean;
  /** steps per second of the synthetic robot (0 = as fast as possible) */
  hz?: number;
  steps?: number;
  duration?: number;
  /** status line on stdout: default on a terminal only */
  status?: boolean;
  /** serve the socket protocol (default true) */
  socket?: boolean;
}

/** EX_CONFIG (sysexits.h): bad configuration, including a model that breaks the contract. */
export const EXIT_CONFIG = 78;

export interface RunIo {
  env: Record<string, string | undefined>;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
}

/**
 * How `run` reaches the API. By default the agent's control plane: enrolment, the HTTP telemetry
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
  /** log destination (default stderr) */
  logDestination?: NodeJS.WritableStream;
}

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
    `outbox ${s.outboxDepth}${s.outboxDropped > 0 ? ` (dropped ${s.outboxDropped})` : ''}` +
    `${s.outboxQuarantined > 0 ? ` quarantined ${s.outboxQuarantined}` : ''}`
  );
}

/**
 * A configuration the agent cannot start with, as the lines `run` prints before exiting 78: bad
 * settings, a model that breaks the contract (every mismatch), a wrong sha256, a missing execution
 * provider, an unusable CA bundle. Undefined for any other error.
 */
export function describeStartupError(err: unknown, configFile: string): string | undefined {
  if (err instanceof AgentConfigError) return err.message;
  const head = `invalid configuration (${configFile}):`;
  if (err instanceof ModelContractError) {
    return `${head}\n  - model.path: ${err.source} does not match the AURA-Mem step contract:\n${err.mismatches
      .map((m) => `      ${m}`)
      .join('\n')}`;
  }
  if (err instanceof BackboneMismatchError) {
    return `${head}\n  - model.backbonePath: ${err.source}:\n${err.mismatches.map((m) => `      ${m}`).join('\n')}`;
  }
  if (err instanceof ModelChecksumError) return `${head}\n  - model.sha256: ${err.message}`;
  if (err instanceof ExecutionProviderError) return `${head}\n  - model.executionProviders: ${err.message}`;
  if (err instanceof CaFileError) return `${head}\n  - ${err.setting}: ${err.message}`;
  return undefined;
}

/**
 * `aura-agent run`: one robot from a config file (+ environment). Serves the socket protocol for
 * the robot's own stack (and, with `--synthetic`, drives the built-in synthetic robot in process),
 * runs until SIGINT/SIGTERM (or `--steps`/`--duration`), then closes the current telemetry window
 * into the outbox, flushes it for up to 5 s and exits 0.
 */
export async function runCommand(
  options: RunOptions,
  io: RunIo,
  deps: RunDependencies = {},
): Promise<number> {
  let config: AgentConfig;
  try {
    config = loadAgentConfig(options.config, io.env);
    installHttpTransport(createHttpTransport(config.api.caFile ? { caFile: config.api.caFile } : {}, io.env));
  } catch (err) {
    const message = describeStartupError(err, options.config);
    if (!message) throw err;
    io.err.write(`aura-agent: ${message}\n`);
    return EXIT_CONFIG;
  }
  const log = createLogger(
    config.log.level,
    config.name ? { robot: config.name } : {},
    deps.logDestination ?? 2,
  );
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
  let agent: AuraAgent;
  try {
    agent = await AuraAgent.open({
      config,
      offline: offline || Boolean(deps.createSink),
      logger: log,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.pollWaitSeconds !== undefined ? { pollWaitSeconds: deps.pollWaitSeconds } : {}),
    });
  } catch (err) {
    const message = describeStartupError(err, options.config);
    if (!message) throw err;
    io.err.write(`aura-agent: ${message}\n`);
    log.fatal({ err: (err as Error).message }, 'refusing to start');
    return EXIT_CONFIG;
  }
  const robot: RobotAgent = agent.robot;
  const controlPlane = agent.controlPlane;
  // unit tests: a given sink instead of the control plane
  const sink = offline || !deps.createSink ? undefined : await deps.createSink(config);
  const uploader = sink
    ? new TelemetryUploader(robot.outbox, sink, { batchSize: config.telemetry.batchSize })
    : undefined;
  const uploads = new AbortController();
  const uploadLoop = uploader
    ? runUploadLoop(uploader, uploads.signal, async (ms, signal) => {
        try {
          await sleep(ms, undefined, { signal });
        } catch {
          // aborted: shutting down
        }
      })
    : undefined;
  if (options.socket !== false) {
    try {
      await agent.serve();
    } catch (err) {
      io.err.write(`aura-agent: cannot serve ${config.socket.path}: ${(err as Error).message}\n`);
      log.fatal({ err: (err as Error).message }, 'cannot serve the socket');
      await agent.close(0);
      return 1;
    }
  }
  log.info(
    {
      model: config.model.path,
      sha256: robot.model.sha256,
      executionProviders: robot.model.executionProviders,
      dModel: robot.model.dims.dModel,
      persistence: robot.persistMode,
      stateDir: config.stateDir,
      socket: agent.server?.path ?? null,
      resumedAtStep: robot.runtime.totals.steps,
      writes: robot.runtime.totals.writes,
      api: offline ? null : config.api.url,
      robotId: controlPlane?.credential?.robotId ?? null,
    },
    `started: resumed at step ${robot.runtime.totals.steps}${
      offline
        ? `; offline${config.api.url ? ' (--offline)' : ' (no api.url)'}: telemetry stays in the outbox`
        : controlPlane?.credential
          ? `; robot ${controlPlane.credential.robotId}`
          : '; enrolling'
    }`,
  );
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    if (stop.signal.aborted) return;
    log.info({ signal }, `${signal}: finishing the step, flushing telemetry`);
    stop.abort();
  };
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);
  const tty = Boolean(io.out.isTTY);
  const showStatus = options.status ?? tty;
  const apiStatus = () =>
    controlPlane
      ? ` api ${controlPlane.state}${controlPlane.state !== 'online' && controlPlane.lastError ? ` (${controlPlane.lastError})` : ''}`
      : '';
  let lastSeq = robot.outbox.lastSeq;
  const statusTimer = showStatus
    ? setInterval(
        () => {
          if (tty) io.out.write(`\r${formatStatus(robot.status())}${apiStatus()}\u001b[K`);
          else if (robot.outbox.lastSeq !== lastSeq) {
            lastSeq = robot.outbox.lastSeq;
            io.out.write(`${formatStatus(robot.status())}${apiStatus()}\n`);
          }
        },
        tty ? 1000 : 50,
      )
    : undefined;
  const started = Date.now();
  const limits = setInterval(() => {
    if (options.steps !== undefined && robot.runtime.totals.steps >= options.steps) stop.abort();
    if (options.duration !== undefined && Date.now() - started >= options.duration * 1000) stop.abort();
  }, 20);
  let failure: unknown;
  try {
    if (options.synthetic) {
      agent.inProcessDriver = 'synthetic robot (in process)';
      const remaining =
        options.steps !== undefined ? Math.max(0, options.steps - robot.runtime.totals.steps) : undefined;
      await driveSyntheticRobot(agent, {
        task: config.environment.task ?? robot.model.metadata['aura.task'] ?? 'hard',
        seed: config.environment.seed,
        startStep: robot.runtime.totals.steps,
        ...(options.hz !== undefined ? { hz: options.hz } : {}),
        ...(remaining !== undefined ? { steps: remaining } : {}),
        signal: stop.signal,
      });
    }
    if (!stop.signal.aborted && !(options.synthetic && options.steps !== undefined)) {
      await new Promise((r) => stop.signal.addEventListener('abort', r, { once: true }));
    }
  } catch (err) {
    failure = err;
  } finally {
    clearInterval(limits);
    if (statusTimer) clearInterval(statusTimer);
    if (uploader && uploadLoop) {
      robot.closeOpenWindow();
      uploads.abort();
      await uploadLoop;
      const flushed = await uploader.flush(Date.now() + (deps.flushTimeoutMs ?? 5000), (ms) => sleep(ms));
      if (!flushed) {
        log.warn(
          { pending: robot.outbox.depth, error: uploader.lastError ?? null },
          `could not deliver ${robot.outbox.depth} record(s) before the deadline` +
            `${uploader.lastError ? ` (${uploader.lastError})` : ''}; they stay in the outbox`,
        );
      }
    }
    const { delivered } = await agent.close(deps.flushTimeoutMs ?? 5000);
    if (!delivered && controlPlane) {
      log.warn(
        { pending: robot.outbox.depth, error: controlPlane.lastError ?? null },
        `could not deliver ${robot.outbox.depth} record(s) before the deadline` +
          `${controlPlane.lastError ? ` (${controlPlane.lastError})` : ''}; they stay in the outbox`,
      );
    }
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
  if (showStatus) io.out.write(`${tty ? '\n' : ''}${formatStatus(robot.status())}\n`);
  if (failure) {
    log.error({ err: (failure as Error).message }, 'stopped by an error');
    throw failure;
  }
  log.info(
    { steps: robot.runtime.totals.steps, pending: robot.outbox.depth, lastSeq: robot.outbox.lastSeq },
    `stopped at step ${robot.runtime.totals.steps}; outbox holds ${robot.outbox.depth} record(s) up to seq ${robot.outbox.lastSeq}`,
  );
  return 0;
}
