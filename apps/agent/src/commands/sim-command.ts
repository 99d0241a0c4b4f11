import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RobotAgent } from '../agent/robot-agent.js';
import { type AgentConfig, loadAgentConfig } from '../config/agent-config.js';
import { createHttpTransport, installHttpTransport } from '../control-plane/http-transport.js';
import { RobotControlPlane } from '../control-plane/robot-control-plane.js';
import { CredentialStore } from '../enrollment/credential-store.js';
import { collectInventory } from '../inventory/collect-inventory.js';
import { type AuraModel, loadAuraModel } from '../model/load-aura-model.js';
import { type FleetVariant, fleetVariant, stepsInRound } from './fleet-mix.js';
import { describeStartupError, EXIT_CONFIG } from './run-command.js';

export interface SimOptions {
  config: string;
  robots: number;
  /** control rate per robot (steps per second); 0 = as fast as possible */
  hz: number;
  steps?: number;
  duration?: number;
  status?: boolean;
  /** do not contact the API even if api.url is set */
  offline?: boolean;
  /**
   * mixed hardware (fleet-mix.ts): each robot its own flash device, persistence mode, rate and duty,
   * written to `<stateDir>/fleet-mix.json`; otherwise every robot runs the template's settings
   */
  mix?: boolean;
}

export interface SimDependencies {
  /** custom fetch for the control plane (tests) */
  fetch?: typeof fetch;
  /** control-plane long-poll wait in seconds (default 30) */
  pollWaitSeconds?: number;
  /** how long shutdown may spend flushing the outboxes (default 10 s) */
  flushTimeoutMs?: number;
}

export interface LocalIdentity {
  name: string;
  /** stable local id until the robot enrols and the API assigns a robotId */
  localId: string;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `<dir>/identity.json`, created once per simulated robot. */
export function loadOrCreateIdentity(dir: string, name: string): LocalIdentity {
  const file = path.join(dir, 'identity.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalIdentity;
  const identity = { name, localId: randomUUID() };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(identity, null, 2)}\n`, { mode: 0o600 });
  return identity;
}

/** each simulated robot: its own state dir, identity, outbox, state and seed */
export function robotConfig(
  base: AgentConfig,
  index: number,
  variant?: FleetVariant,
): { config: AgentConfig; name: string } {
  const name = `${base.name ?? 'sim'}-${String(index + 1).padStart(4, '0')}`;
  const stateDir = path.join(base.stateDir, 'robots', name);
  return {
    name,
    config: {
      ...base,
      name,
      stateDir,
      persistence: {
        ...base.persistence,
        ...(variant ? { mode: variant.persistence } : {}),
        dir: path.join(stateDir, 'state'),
      },
      ...(variant ? { device: { ...base.device, ...variant.device } } : {}),
      environment: { ...base.environment, seed: base.environment.seed + index },
    },
  };
}

/** `<stateDir>/fleet-mix.json`: each mixed-fleet robot's hardware, for people and the demo's tags. */
function writeFleetMix(stateDir: string, robots: { name: string; variant: FleetVariant }[]): string {
  const file = path.join(stateDir, 'fleet-mix.json');
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ robots: robots.map(({ name, variant }) => ({ name, ...variant })) }, null, 2)}\n`,
  );
  return file;
}

/**
 * `aura-agent sim --robots N`: N robots in one process, each with its own state dir, identity,
 * outbox and state, sharing one ONNX session per model file; stepped round-robin at `hz` each.
 */
export async function simCommand(
  options: SimOptions,
  io: { env: Record<string, string | undefined>; out: NodeJS.WriteStream; err: NodeJS.WriteStream },
  deps: SimDependencies = {},
): Promise<number> {
  let base: AgentConfig;
  try {
    base = loadAgentConfig(options.config, io.env);
    installHttpTransport(createHttpTransport(base.api.caFile ? { caFile: base.api.caFile } : {}, io.env));
  } catch (err) {
    const message = describeStartupError(err, options.config);
    if (!message) throw err;
    io.err.write(`aura-agent: ${message}\n`);
    return EXIT_CONFIG;
  }
  const apiUrl = options.offline ? undefined : base.api.url;
  if (apiUrl && !base.api.enrollmentToken) {
    const missing = Array.from({ length: options.robots }, (_, i) => robotConfig(base, i)).filter(
      ({ config }) => !new CredentialStore(path.join(config.stateDir, 'credentials')).load(),
    );
    if (missing.length > 0) {
      io.err.write(
        `aura-agent: invalid configuration (${options.config}):\n  - api.enrollmentToken: required to enrol ` +
          `${missing.length} robot(s) without a credential (e.g. ${missing[0]?.name}); set it or ` +
          `AURA_AGENT_ENROLLMENT_TOKEN, or use --offline\n`,
      );
      return EXIT_CONFIG;
    }
  }
  let model: AuraModel; // one session for the whole fleet
  try {
    model = await loadAuraModel(base.model.path, undefined, {
      executionProviders: base.model.executionProviders,
      ...(base.model.sha256 ? { sha256: base.model.sha256 } : {}),
    });
  } catch (err) {
    const message = describeStartupError(err, options.config);
    if (!message) throw err;
    io.err.write(`aura-agent: ${message}\n`);
    return EXIT_CONFIG;
  }
  const robots: RobotAgent[] = [];
  const links: RobotControlPlane[] = [];
  // handlers stay until the end: a second signal during the flush must not kill the process
  let stop = false;
  const onSignal = (signal: string) => {
    if (!stop) io.err.write(`\naura-agent sim: ${signal}: finishing the round, flushing telemetry\n`);
    stop = true;
  };
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  // stagger the robots' first requests over up to 10 s (enrolment, first long-poll)
  const staggerMs = Math.min(20, 10_000 / Math.max(1, options.robots));
  const variants = Array.from({ length: options.robots }, (_, i) =>
    options.mix ? fleetVariant(i) : undefined,
  );
  try {
    for (let i = 0; i < options.robots; i++) {
      const { config, name } = robotConfig(base, i, variants[i]);
      loadOrCreateIdentity(config.stateDir, name);
      const robot = await RobotAgent.open({ config, model });
      robots.push(robot);
      if (apiUrl) {
        const inventory = collectInventory(config, model);
        links.push(
          new RobotControlPlane(robot, {
            apiUrl,
            ...(base.api.enrollmentToken ? { enrollmentToken: base.api.enrollmentToken } : {}),
            name,
            startDelayMs: Math.floor(i * staggerMs),
            ...(deps.fetch ? { fetch: deps.fetch } : {}),
            ...(deps.pollWaitSeconds !== undefined ? { pollWaitSeconds: deps.pollWaitSeconds } : {}),
            // each simulated robot reports its own inventory (its own state directory and device)
            inventory: () => inventory,
            log: {
              info: () => {},
              warn: (m) => io.err.write(`${io.out.isTTY ? '\n' : ''}aura-agent sim: ${name}: ${m}\n`),
            },
          }),
        );
      }
    }
    const mixFile = options.mix
      ? writeFleetMix(
          base.stateDir,
          robots.map((r, i) => ({
            name: r.config.name ?? `robot ${i + 1}`,
            variant: variants[i] as FleetVariant,
          })),
        )
      : null;
    const rate = options.hz > 0 ? `${options.hz} Hz` : 'unthrottled';
    io.err.write(
      `aura-agent sim: ${robots.length} robots, one session for ${base.model.path}, ` +
        (mixFile
          ? `mixed hardware (${rate} × 1-4, duty 25-100 %; ${mixFile}), `
          : `${rate} each, persistence ${base.persistence.mode}, `) +
        `state under ${path.join(base.stateDir, 'robots')}; ${
          apiUrl ? `control plane ${apiUrl}` : 'offline: telemetry stays in each outbox'
        }\n`,
    );
    for (const link of links) link.start();
    process.on('SIGINT', sigint);
    process.on('SIGTERM', sigterm);
    const started = Date.now();
    const period = options.hz > 0 ? 1000 / options.hz : 0;
    let rounds = 0;
    let lastPrint = started;
    let lastSteps = 0;
    while (!stop) {
      const roundStart = Date.now();
      for (let i = 0; i < robots.length; i++) {
        const variant = variants[i];
        const steps = variant ? stepsInRound(variant, rounds, i * 37) : 1;
        for (let k = 0; k < steps; k++) await robots[i]?.step();
        // a step can resolve without returning to the event loop: let HTTP, timers and signals in
        if (i % 16 === 15) await yieldToEventLoop();
      }
      rounds++;
      if (options.steps !== undefined && rounds >= options.steps) break;
      const now = Date.now();
      if (options.duration !== undefined && now - started >= options.duration * 1000) break;
      if (options.status !== false && now - lastPrint >= 1000) {
        const total = robots.reduce((s, r) => s + r.runtime.totals.steps, 0);
        const line = fleetStatus(robots, (total - lastSteps) / ((now - lastPrint) / 1000), links);
        io.out.write(io.out.isTTY ? `\r${line}\u001b[K` : `${line}\n`);
        lastPrint = now;
        lastSteps = total;
      }
      const wait = period - (Date.now() - roundStart);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else await yieldToEventLoop();
    }
    for (const r of robots) r.closeOpenWindow();
    if (links.length > 0) {
      const deadline = Date.now() + (deps.flushTimeoutMs ?? 10_000);
      const flushed = await Promise.all(links.map((l) => l.stop(deadline)));
      const pending = robots.reduce((s, r) => s + r.outbox.depth, 0);
      io.err.write(
        flushed.every(Boolean)
          ? 'aura-agent sim: every outbox delivered\n'
          : `aura-agent sim: ${pending} record(s) not delivered before the deadline; they stay in the outboxes\n`,
      );
    }
    for (const r of robots) await r.close();
    io.out.write(`${io.out.isTTY ? '\n' : ''}${fleetStatus(robots, 0, links)}\n`);
    return 0;
  } finally {
    await Promise.all(links.map((l) => l.stop(0)));
    for (const r of robots) await r.close();
    await model.release();
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
}

function fleetStatus(robots: RobotAgent[], stepsPerSecond: number, links: RobotControlPlane[]): string {
  let steps = 0;
  let writes = 0;
  let flash = 0;
  let depth = 0;
  let dropped = 0;
  for (const r of robots) {
    const s = r.status();
    steps += s.steps;
    writes += s.writes;
    flash += r.flashBytes();
    depth += s.outboxDepth;
    dropped += s.outboxDropped;
  }
  return `robots ${robots.length} steps ${steps} (${stepsPerSecond.toFixed(0)}/s) writes ${
    steps > 0 ? ((writes / steps) * 100).toFixed(1) : '0.0'
  }% flash ${(flash / 1024 ** 2).toFixed(1)} MiB outbox ${depth}${dropped > 0 ? ` (dropped ${dropped})` : ''}${
    links.length > 0 ? ` online ${links.filter((l) => l.state === 'online').length}/${links.length}` : ''
  }`;
}
