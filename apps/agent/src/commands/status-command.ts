import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AgentStatusReport } from '../agent/aura-agent.js';
import { AgentClient } from '../client/agent-client.js';
import { AgentConfigError, loadAgentConfig } from '../config/agent-config.js';
import { EXIT_CONFIG, type RunIo } from './run-command.js';

/** The Debian package's configuration file; `--config` or AURA_AGENT_CONFIG name another. */
export const DEFAULT_CONFIG_FILE = '/etc/aura-agent/agent.json';

/** `aura-agent status` exit codes (docs/agent.md). */
export const STATUS_EXIT = { healthy: 0, unhealthy: 1, usage: 2, unreachable: 3 } as const;

/** The socket to talk to: `--socket`, else the configuration's `socket.path`. */
export function resolveSocket(
  options: { socket?: string; config?: string },
  env: Record<string, string | undefined>,
): { socket: string } | { error: string; code: number } {
  if (options.socket) return { socket: path.resolve(options.socket) };
  const file = options.config ?? env.AURA_AGENT_CONFIG ?? DEFAULT_CONFIG_FILE;
  if (!options.config && !env.AURA_AGENT_CONFIG && !existsSync(file)) {
    return {
      error: `no ${DEFAULT_CONFIG_FILE}: give --config FILE or --socket PATH`,
      code: STATUS_EXIT.usage,
    };
  }
  try {
    const config = loadAgentConfig(file, env);
    return { socket: config.socket.path ?? path.join(config.stateDir, 'agent.sock') };
  } catch (err) {
    if (err instanceof AgentConfigError) return { error: err.message, code: EXIT_CONFIG };
    throw err;
  }
}

const ago = (iso: string | null, now: number) => {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 120
    ? `${s} s ago`
    : s < 7200
      ? `${Math.round(s / 60)} min ago`
      : `${Math.round(s / 3600)} h ago`;
};
const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
const duration = (s: number) =>
  s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;

/** The human-readable form of a status report. */
export function formatStatusReport(s: AgentStatusReport, now = Date.now()): string {
  const o = s.telemetry.outbox;
  const lines = [
    `aura-agent ${s.agentVersion} (pid ${s.pid}, up ${duration(s.uptimeSeconds)}): ${
      s.health.ok ? 'healthy' : 'UNHEALTHY'
    }`,
    ...s.health.problems.map((p) => `  ! ${p.check}: ${p.message}`),
    `robot      ${s.robot.name ?? '(no name)'}${
      s.robot.robotId ? ` = robot ${s.robot.robotId}, enrolled ${s.robot.enrolledAt}` : ', not enrolled'
    }`,
    `api        ${s.api.url ?? '(none: offline)'}${s.api.url ? `: ${s.api.state}, last contact ${ago(s.api.lastContactAt, now)}` : ''}${
      s.api.lastError && s.api.state !== 'online' ? ` (${s.api.lastError})` : ''
    }`,
    `telemetry  last upload ${ago(s.telemetry.lastUploadAt, now)}, last window ${ago(s.telemetry.lastWindowAt, now)}; ` +
      `outbox ${o.pending} pending, ${o.dropped + o.corrupt} dropped, ${o.quarantined} quarantined`,
    `policy     ${s.policy.policyVersionId ? `version ${s.policy.policyVersionId}` : 'none applied yet (local τ)'}${
      s.policy.configVersion ? ` (config v${s.policy.configVersion})` : ''
    }, τ ${s.policy.tau.toFixed(3)}`,
    `memory     ${s.memory.steps.toLocaleString('en-US')} steps, ${s.memory.writes.toLocaleString('en-US')} writes ` +
      `(${(s.memory.writeFraction * 100).toFixed(1)}% of the last window), state ${s.memory.stateBytes.toLocaleString('en-US')} B, ${s.memory.persistence}`,
    `today      ${s.today.writes.toLocaleString('en-US')} writes, ${bytes(s.today.flashBytes)} to flash (since ${s.today.since})`,
    `flash      ${bytes(s.flash.bytesWritten)} written, wear ${s.flash.wearFraction.toExponential(2)}, projected end of life ${
      s.flash.projectedEndOfLife ? s.flash.projectedEndOfLife.slice(0, 10) : 'n/a'
    }${s.flash.deviceWear ? `; device ${s.flash.deviceWear.source} ${(s.flash.deviceWear.value * 100).toFixed(0)}%` : ''}`,
    `model      ${s.model.name ?? path.basename(s.model.path)} sha256 ${s.model.sha256.slice(0, 16)}… on ${s.model.executionProviders.join(', ')}`,
    `clients    ${s.clients.connected} connected${s.clients.driving ? `, driven by ${s.clients.driver ?? 'a client'}` : ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A client of the running agent's socket (`--socket`, else the configuration's) with that socket's
 * path, or the exit code after saying on stderr why there is none: a usage error, or no agent
 * answering (`hint` follows).
 */
export async function connectToAgent(
  options: { socket?: string; config?: string },
  io: RunIo,
  hint = '',
): Promise<{ client: AgentClient; socket: string } | number> {
  const where = resolveSocket(options, io.env);
  if ('error' in where) {
    io.err.write(`aura-agent: ${where.error}\n`);
    return where.code;
  }
  try {
    return { client: await AgentClient.connect(where.socket, 3000), socket: where.socket };
  } catch (err) {
    io.err.write(`aura-agent: no agent answers on ${where.socket} (${(err as Error).message})${hint}\n`);
    return STATUS_EXIT.unreachable;
  }
}

/**
 * `aura-agent status`: asks the running agent over its socket. Exit 0 healthy, 1 unhealthy (the
 * problems are listed), 3 no agent answers.
 */
export async function statusCommand(
  options: { config?: string; socket?: string; json?: boolean },
  io: RunIo,
): Promise<number> {
  const agent = await connectToAgent(options, io, '; is it running? (systemctl status aura-agent)');
  if (typeof agent === 'number') return agent;
  const { client } = agent;
  try {
    const status = await client.status<AgentStatusReport>();
    io.out.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatusReport(status));
    return status.health.ok ? STATUS_EXIT.healthy : STATUS_EXIT.unhealthy;
  } finally {
    await client.close();
  }
}
