import os from 'node:os';
import path from 'node:path';
import type { AgentInventory } from '@aura/core';
import { type AgentConfig, loadAgentConfig } from '../config/agent-config.js';
import { type ControlPlaneLog, RobotControlPlane } from '../control-plane/robot-control-plane.js';
import { AGENT_VERSION, collectInventory } from '../inventory/collect-inventory.js';
import { type Logger, silentLogger } from '../log/logger.js';
import type { StepResult } from '../runtime/agent-runtime.js';
import type { Environment } from '../runtime/environment.js';
import { AgentSocketServer, type ServedAgent } from '../server/agent-socket-server.js';
import { PROTOCOL_VERSION, type StepShape } from '../server/protocol.js';
import { RobotAgent } from './robot-agent.js';

export interface AuraAgentOptions {
  /** a parsed configuration, or the path of a configuration file (read with `env` overrides) */
  config: AgentConfig | string;
  /** environment overrides (AURA_AGENT_*) when `config` is a file; default none */
  env?: Record<string, string | undefined>;
  /** do not contact the API even if `api.url` is set */
  offline?: boolean;
  logger?: Logger;
  /** the built-in synthetic robot for {@link AuraAgent.robot}.step() (tests) */
  environment?: Environment;
  /** control plane: custom fetch, long-poll wait (tests) */
  fetch?: typeof fetch;
  pollWaitSeconds?: number;
  now?: () => number;
}

/** One problem that makes the agent unhealthy (`aura-agent status` exits non-zero). */
export interface HealthProblem {
  check: string;
  message: string;
}

/** What `status` returns (socket op `status`, `aura-agent status --json`). */
export interface AgentStatusReport {
  agentVersion: string;
  protocol: number;
  pid: number;
  startedAt: string;
  uptimeSeconds: number;
  robot: { name: string | null; robotId: string | null; enrolledAt: string | null };
  api: {
    url: string | null;
    state: string;
    lastContactAt: string | null;
    lastError: string | null;
    /** when the API last took the agent report (inventory and outbox counters) */
    lastReportAt: string | null;
  };
  telemetry: {
    windowSeconds: number;
    lastWindowAt: string | null;
    lastUploadAt: string | null;
    outbox: { pending: number; dropped: number; quarantined: number; corrupt: number; max: number };
  };
  policy: { policyVersionId: string | null; tau: number; configVersion: number | null };
  memory: { steps: number; writes: number; writeFraction: number; stateBytes: number; persistence: string };
  today: { since: string; writes: number; flashBytes: number };
  flash: {
    bytesWritten: number;
    wearFraction: number;
    projectedEndOfLife: string | null;
    deviceWear: { source: string; value: number } | null;
  };
  model: { path: string; name: string | null; sha256: string; executionProviders: string[] };
  clients: { connected: number; driving: boolean; driver: string | null };
  inventory: AgentInventory;
  health: { ok: boolean; problems: HealthProblem[] };
}

/** unhealthy when the API has not been reached for this long although the agent is online-configured */
export const API_SILENCE_LIMIT_MS = 10 * 60_000;

/**
 * The agent as a library (and what `aura-agent run` is made of): one robot's runtime, persistence,
 * outbox and signed config, its link to the control plane, and the stepping API the socket
 * protocol exposes, in process: {@link stepFeatures}, {@link stepObservation}, {@link endEpisode},
 * {@link status}. Steps run one at a time.
 *
 * ```ts
 * import { AuraAgent } from '@aura/agent';
 * const agent = await AuraAgent.open({ config: '/etc/aura-agent/agent.json' });
 * const { action, wrote } = await agent.stepFeatures(z); // z: Float32Array(dModel)
 * agent.endEpisode(true);
 * await agent.close();
 * ```
 */
export class AuraAgent implements ServedAgent {
  readonly startedAt = new Date();
  readonly inventory: AgentInventory;
  readonly shape: StepShape;
  server: AgentSocketServer | undefined;
  /** who drives the robot in process (e.g. the synthetic robot of `run --synthetic`); socket clients may not step then */
  inProcessDriver: string | undefined;
  private windowTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly robot: RobotAgent,
    readonly controlPlane: RobotControlPlane | undefined,
    readonly log: Logger,
    inventory: AgentInventory,
  ) {
    this.inventory = inventory;
    this.shape = {
      dModel: robot.model.dims.dModel,
      obsDims: robot.runtime.features ? robot.observationDims : undefined,
    };
  }

  get config(): AgentConfig {
    return this.robot.config;
  }

  /**
   * Loads the configuration and the model (refusing a contract mismatch, a wrong sha256 or an
   * unavailable execution provider, each with its own error), opens the state and outbox, and
   * starts the control-plane link when `api.url` is set (enrolment, uploads, config long-poll).
   */
  static async open(options: AuraAgentOptions): Promise<AuraAgent> {
    const config =
      typeof options.config === 'string'
        ? loadAgentConfig(options.config, options.env ?? {})
        : options.config;
    const log = options.logger ?? silentLogger;
    const robot = await RobotAgent.open({
      config,
      ...(options.environment ? { env: options.environment } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const inventory = collectInventory(config, robot.model);
    let controlPlane: RobotControlPlane | undefined;
    if (config.api.url && !options.offline) {
      const cpLog = log.child({ component: 'control-plane' });
      const adapter: ControlPlaneLog = {
        info: (m) => cpLog.info(m),
        warn: (m) => cpLog.warn(m),
        error: (m) => cpLog.error(m),
      };
      controlPlane = new RobotControlPlane(robot, {
        apiUrl: config.api.url,
        ...(config.api.enrollmentToken ? { enrollmentToken: config.api.enrollmentToken } : {}),
        // a robot without a configured name enrols under its host name
        name: config.name ?? os.hostname(),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.pollWaitSeconds !== undefined ? { pollWaitSeconds: options.pollWaitSeconds } : {}),
        log: adapter,
        // PUT /v1/agent/report at start and when the inventory or the outbox's losses change
        inventory: () => inventory,
      });
    }
    const agent = new AuraAgent(robot, controlPlane, log, inventory);
    controlPlane?.start();
    // an idle robot still closes its telemetry windows (a heartbeat of zero steps)
    agent.windowTimer = setInterval(() => agent.robot.tick(), 250);
    agent.windowTimer.unref();
    return agent;
  }

  /** Serves the socket protocol on `socket.path` (mode `socket.mode`). */
  async serve(): Promise<AgentSocketServer> {
    const file = this.config.socket.path ?? path.join(this.config.stateDir, 'agent.sock');
    const serverLog = this.log.child({ component: 'socket' });
    this.server = new AgentSocketServer(this, {
      path: file,
      mode: Number.parseInt(this.config.socket.mode, 8),
      log: {
        info: (f, m) => serverLog.info(f, m),
        warn: (f, m) => serverLog.warn(f, m),
        debug: (f, m) => serverLog.debug(f, m),
      },
    });
    await this.server.listen();
    return this.server;
  }

  stepFeatures(z: Float32Array): Promise<StepResult> {
    return this.robot.stepFeatures(z);
  }

  stepObservation(obs: Float32Array): Promise<StepResult> {
    return this.robot.stepObservation(obs);
  }

  endEpisode(success?: boolean): { completed: number; succeeded: number; reset: boolean } {
    return this.robot.endEpisode(success);
  }

  describe(): Record<string, unknown> {
    const m = this.robot.model;
    return {
      version: AGENT_VERSION,
      robotId: this.controlPlane?.credential?.robotId ?? null,
      name: this.config.name ?? null,
      model: {
        name: m.metadata['aura.version'] ?? null,
        sha256: m.sha256,
        dModel: m.dims.dModel,
        dAction: m.dims.dAction,
        task: m.metadata['aura.task'] ?? null,
      },
      obsDims: this.shape.obsDims ?? null,
      tau: this.robot.runtime.tau,
      steps: this.robot.runtime.totals.steps,
      resetOnEpisodeEnd: this.config.memory.resetOnEpisodeEnd,
    };
  }

  status(): AgentStatusReport {
    const r = this.robot;
    const s = r.status();
    const cp = this.controlPlane;
    const applied = r.configStore.applied;
    const now = Date.now();
    const report: Omit<AgentStatusReport, 'health'> = {
      agentVersion: AGENT_VERSION,
      protocol: PROTOCOL_VERSION,
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      uptimeSeconds: Math.round((now - this.startedAt.getTime()) / 1000),
      robot: {
        name: this.config.name ?? null,
        robotId: cp?.credential?.robotId ?? null,
        enrolledAt: cp?.credential?.enrolledAt ?? null,
      },
      api: {
        url: this.config.api.url ?? null,
        state: cp ? cp.state : 'offline (no api.url or --offline)',
        lastContactAt: cp?.lastContactAt?.toISOString() ?? null,
        lastError: cp?.lastError ?? null,
        lastReportAt: cp?.lastReportAt?.toISOString() ?? null,
      },
      telemetry: {
        windowSeconds: this.config.telemetry.windowSeconds,
        lastWindowAt: r.lastWindowAt?.toISOString() ?? null,
        lastUploadAt: cp?.uploader?.lastSentAt?.toISOString() ?? null,
        outbox: {
          pending: r.outbox.depth,
          dropped: r.outbox.dropped,
          quarantined: r.outbox.quarantined,
          corrupt: r.outbox.corrupt,
          max: this.config.telemetry.outboxMaxRecords,
        },
      },
      policy: { policyVersionId: s.policyVersionId, tau: s.tau, configVersion: applied?.version ?? null },
      memory: {
        steps: s.steps,
        writes: s.writes,
        writeFraction: s.writeFraction,
        stateBytes: (r.model.dims.dKey * r.model.dims.dVal + r.model.dims.dVal) * 4,
        persistence: r.persistMode,
      },
      today: r.today(),
      flash: {
        bytesWritten: s.flashBytes,
        wearFraction: s.wearFraction,
        projectedEndOfLife: s.endOfLife ? s.endOfLife.toISOString() : null,
        deviceWear: s.deviceWear ?? null,
      },
      model: {
        path: this.config.model.path,
        name: r.model.metadata['aura.version'] ?? null,
        sha256: r.model.sha256,
        executionProviders: r.model.executionProviders,
      },
      clients: {
        connected: this.server?.clients.connected ?? 0,
        driving: Boolean(this.inProcessDriver) || (this.server?.clients.driving ?? false),
        driver: this.inProcessDriver ?? this.server?.driverName() ?? null,
      },
      inventory: this.inventory,
    };
    const problems = assessHealth(report, now);
    return { ...report, health: { ok: problems.length === 0, problems } };
  }

  /** Stops serving, closes the open window, flushes the outbox until the deadline, closes files. */
  async close(flushTimeoutMs = 5000): Promise<{ delivered: boolean }> {
    if (this.closed) return { delivered: this.robot.outbox.depth === 0 };
    this.closed = true;
    if (this.windowTimer) clearInterval(this.windowTimer);
    await this.server?.close();
    this.robot.closeOpenWindow();
    const delivered = this.controlPlane
      ? await this.controlPlane.stop(Date.now() + flushTimeoutMs)
      : this.robot.outbox.depth === 0;
    await this.robot.close();
    return { delivered };
  }
}

/** The health rules of `aura-agent status` (docs/agent.md). */
export function assessHealth(s: Omit<AgentStatusReport, 'health'>, now: number): HealthProblem[] {
  const problems: HealthProblem[] = [];
  if (s.api.url) {
    if (s.api.state === 'unauthorized' || s.api.state === 'failed') {
      problems.push({
        check: 'api',
        message: `control plane ${s.api.state}: ${s.api.lastError ?? ''}`.trim(),
      });
    } else {
      const since = s.api.lastContactAt ? Date.parse(s.api.lastContactAt) : Date.parse(s.startedAt);
      if (now - since > API_SILENCE_LIMIT_MS) {
        problems.push({
          check: 'api',
          message: `API not reached for ${Math.round((now - since) / 60_000)} min${s.api.lastError ? ` (${s.api.lastError})` : ''}`,
        });
      }
    }
  }
  const o = s.telemetry.outbox;
  if (o.pending >= 0.9 * o.max) {
    problems.push({
      check: 'outbox',
      message: `outbox ${o.pending}/${o.max} records: the oldest are dropped beyond ${o.max}`,
    });
  }
  return problems;
}
