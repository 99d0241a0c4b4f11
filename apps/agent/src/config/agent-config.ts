import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigKeySchema, DeviceProfileSchema, describeIssues, PersistModeSchema } from '@aura/core';
import { z } from 'zod';

/**
 * The agent's configuration file (JSON; docs/agent.md "Configuration") plus environment overrides.
 * Parsed and validated once at start-up; relative paths resolve against the file's directory.
 */
const positiveInt = (max: number) =>
  z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be ≥ 1').max(max);

export const AgentConfigSchema = z
  .object({
    /** robot name sent at enrolment */
    name: z.string().min(1).max(200).optional(),
    /** where the agent keeps state, outbox, applied config and credentials */
    stateDir: z.string().min(1).default('.aura-agent'),
    model: z
      .object({
        /** AURA-Mem step model (ONNX, DESIGN.md §3 contract) */
        path: z.string().min(1, 'must name the AURA-Mem ONNX model'),
        /** optional user backbone ONNX producing z [1, dModel]; default: the model's frozen backbone */
        backbonePath: z.string().min(1).optional(),
      })
      .strict(),
    /** τ used until a signed config from the control plane sets one */
    tau: z.number().min(0, 'must be ≥ 0').max(1, 'must be ≤ 1').optional(),
    persistence: z
      .object({
        mode: PersistModeSchema.default('delta-log'),
        /** default `<stateDir>/state` */
        dir: z.string().min(1).optional(),
        /** delta-log: snapshot and new log every this many writes */
        checkpointEvery: positiveInt(1_000_000).default(64),
      })
      .strict()
      .prefault({}),
    device: DeviceProfileSchema.prefault({}),
    deviceWear: z
      .object({
        /** e.g. /sys/block/mmcblk0/device */
        emmcSysfsDir: z.string().min(1).optional(),
        /** file holding `nvme smart-log -o json` output */
        nvmeSmartLogFile: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    telemetry: z
      .object({
        windowSeconds: z.number().min(0.05, 'must be ≥ 0.05').max(3600, 'must be ≤ 3600').default(10),
        /** pending records kept while the API is unreachable; oldest dropped (and counted) beyond */
        outboxMaxRecords: positiveInt(10_000_000).default(100_000),
        batchSize: positiveInt(500).default(100),
      })
      .strict()
      .prefault({}),
    api: z
      .object({
        /** Fleet API base URL; without it the agent runs offline and keeps telemetry in the outbox */
        url: z.url({ error: 'must be a URL' }).optional(),
        /** secret: one-time enrolment token */
        enrollmentToken: z.string().min(1).max(200).optional(),
      })
      .strict()
      .prefault({}),
    /** config-signing keys provisioned with the robot */
    trustedConfigKeys: z.array(ConfigKeySchema).default([]),
    memory: z
      .object({
        /**
         * Clear the memory (W, b) when the environment reports the end of an episode: the regime the
         * model was trained and evaluated in. A robot that never ends an episode never resets.
         */
        resetOnEpisodeEnd: z.boolean({ error: 'must be true or false' }).default(true),
      })
      .strict()
      .prefault({}),
    /** the built-in synthetic robot (core's task) */
    environment: z
      .object({
        task: z.enum(['easy', 'hard', 'recall']).optional(),
        seed: z.number().int().min(0).default(1),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

/** Environment variables that override the file (docs/agent.md). */
export const ENV_OVERRIDES: Record<string, { path: string[]; type: 'string' | 'number' }> = {
  AURA_AGENT_STATE_DIR: { path: ['stateDir'], type: 'string' },
  AURA_AGENT_MODEL_PATH: { path: ['model', 'path'], type: 'string' },
  AURA_AGENT_BACKBONE_PATH: { path: ['model', 'backbonePath'], type: 'string' },
  AURA_AGENT_TAU: { path: ['tau'], type: 'number' },
  AURA_AGENT_PERSIST_MODE: { path: ['persistence', 'mode'], type: 'string' },
  AURA_AGENT_PERSIST_DIR: { path: ['persistence', 'dir'], type: 'string' },
  AURA_AGENT_CHECKPOINT_EVERY: { path: ['persistence', 'checkpointEvery'], type: 'number' },
  AURA_AGENT_TELEMETRY_WINDOW_SECONDS: { path: ['telemetry', 'windowSeconds'], type: 'number' },
  AURA_AGENT_OUTBOX_MAX_RECORDS: { path: ['telemetry', 'outboxMaxRecords'], type: 'number' },
  AURA_AGENT_API_URL: { path: ['api', 'url'], type: 'string' },
  AURA_AGENT_ENROLLMENT_TOKEN: { path: ['api', 'enrollmentToken'], type: 'string' },
  AURA_AGENT_DEVICE_CAPACITY_BYTES: { path: ['device', 'capacityBytes'], type: 'number' },
  AURA_AGENT_DEVICE_PE_CYCLES: { path: ['device', 'ratedPeCycles'], type: 'number' },
  AURA_AGENT_DEVICE_TBW_BYTES: { path: ['device', 'tbwBytes'], type: 'number' },
  AURA_AGENT_DEVICE_PAGE_BYTES: { path: ['device', 'pageBytes'], type: 'number' },
  AURA_AGENT_DEVICE_WAF: { path: ['device', 'writeAmplification'], type: 'number' },
};

/** A configuration that cannot be used; `problems` name each setting. The CLI exits 78. */
export class AgentConfigError extends Error {
  readonly code = 'AGENT_CONFIG_INVALID';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AgentConfigError';
  }
}

function setPath(obj: Record<string, unknown>, keys: string[], value: unknown): void {
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    if (typeof next !== 'object' || next === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1] as string] = value;
}

/** Reads, overrides from `env`, validates and resolves paths. */
export function loadAgentConfig(file: string, env: Record<string, string | undefined> = {}): AgentConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AgentConfigError(file, [`cannot read the file as JSON: ${(err as Error).message}`]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AgentConfigError(file, ['the file must hold a JSON object']);
  }
  const problems: string[] = [];
  const merged = structuredClone(raw) as Record<string, unknown>;
  for (const [name, spec] of Object.entries(ENV_OVERRIDES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (spec.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) problems.push(`${name} (${spec.path.join('.')}): must be a number`);
      else setPath(merged, spec.path, n);
    } else setPath(merged, spec.path, value);
  }
  const parsed = AgentConfigSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of describeIssues(parsed.error)) {
      const envName = Object.entries(ENV_OVERRIDES).find(([, s]) => s.path.join('.') === issue.path)?.[0];
      const from = envName && env[envName] !== undefined ? ` (from ${envName})` : '';
      problems.push(`${issue.path}${from}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new AgentConfigError(file, problems);
  const c = parsed.data;
  const base = path.dirname(path.resolve(file));
  const abs = (p: string) => path.resolve(base, p);
  const stateDir = abs(c.stateDir);
  return {
    ...c,
    stateDir,
    model: {
      path: abs(c.model.path),
      ...(c.model.backbonePath ? { backbonePath: abs(c.model.backbonePath) } : {}),
    },
    persistence: {
      ...c.persistence,
      dir: c.persistence.dir ? abs(c.persistence.dir) : path.join(stateDir, 'state'),
    },
    deviceWear: {
      ...(c.deviceWear.emmcSysfsDir ? { emmcSysfsDir: abs(c.deviceWear.emmcSysfsDir) } : {}),
      ...(c.deviceWear.nvmeSmartLogFile ? { nvmeSmartLogFile: abs(c.deviceWear.nvmeSmartLogFile) } : {}),
    },
  };
}
