import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigKeySchema,
  DeviceProfileSchema,
  describeIssues,
  PersistModeSchema,
  TauSchema,
} from '@aura/core';
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
    /**
     * A development setup (the demo, tests, a laptop): allows a plain `http://` API URL. Production
     * robots talk to the API over https only, so their secret and telemetry never cross the network
     * in clear text.
     */
    development: z.boolean({ error: 'must be true or false' }).default(false),
    /** where the agent keeps state, outbox, applied config and credentials */
    stateDir: z.string().min(1).default('.aura-agent'),
    model: z
      .object({
        /** AURA-Mem step model (ONNX, DESIGN.md §3 contract) */
        path: z.string().min(1, 'must name the AURA-Mem ONNX model'),
        /** optional user backbone ONNX producing z [1, dModel]; default: the model's frozen backbone */
        backbonePath: z.string().min(1).optional(),
        /** the model file's sha256 (hex); the agent refuses to start on any other file */
        sha256: z
          .string()
          .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (sha256sum of the model file)')
          .optional(),
        /** onnxruntime execution providers in order of preference, e.g. ["cuda", "cpu"] */
        executionProviders: z
          .array(z.string().min(1), { error: 'must be a list of provider names' })
          .min(1, 'must name at least one provider')
          .default(['cpu']),
      })
      .strict(),
    /** τ used until a signed config from the control plane sets one */
    tau: TauSchema.optional(),
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
        /** PEM file of CA certificates to trust for the API, besides the system's */
        caFile: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    /** the local socket robot stacks talk to (docs/agent.md "Socket protocol") */
    socket: z
      .object({
        /** default `<stateDir>/agent.sock`; the Debian package uses /run/aura-agent/agent.sock */
        path: z.string().min(1).optional(),
        /** file mode, octal as a string (default "0660": the agent's user and group) */
        mode: z
          .string()
          .regex(/^0?[0-7]{3}$/, 'must be an octal file mode such as "0660"')
          .default('0660'),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        /** pino level; `info` logs state changes and errors only (no periodic lines) */
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  .strict()
  .superRefine((c, ctx) => {
    if (c.api.url && !c.development && new URL(c.api.url).protocol === 'http:') {
      ctx.addIssue({
        code: 'custom',
        path: ['api', 'url'],
        message:
          'plain http:// would send the robot secret and telemetry unencrypted; use https://, or set ' +
          '"development": true (AURA_AGENT_DEVELOPMENT=1) for a development setup',
      });
    }
  });
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

/** Environment variables that override the file (docs/agent.md). */
export const ENV_OVERRIDES: Record<
  string,
  { path: string[]; type: 'string' | 'number' | 'boolean' | 'list' }
> = {
  AURA_AGENT_DEVELOPMENT: { path: ['development'], type: 'boolean' },
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
  AURA_AGENT_API_CA_FILE: { path: ['api', 'caFile'], type: 'string' },
  AURA_AGENT_SOCKET: { path: ['socket', 'path'], type: 'string' },
  AURA_AGENT_LOG_LEVEL: { path: ['log', 'level'], type: 'string' },
  AURA_AGENT_EXECUTION_PROVIDERS: { path: ['model', 'executionProviders'], type: 'list' },
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

const BOOLEAN_WORDS: Record<string, boolean> = {
  '1': true,
  true: true,
  yes: true,
  '0': false,
  false: false,
  no: false,
};

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
    } else if (spec.type === 'list') {
      setPath(
        merged,
        spec.path,
        value
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      );
    } else if (spec.type === 'boolean') {
      const flag = BOOLEAN_WORDS[value.toLowerCase()];
      if (flag === undefined)
        problems.push(`${name} (${spec.path.join('.')}): must be 1/0, true/false or yes/no`);
      else setPath(merged, spec.path, flag);
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
      ...c.model,
      path: abs(c.model.path),
      ...(c.model.backbonePath ? { backbonePath: abs(c.model.backbonePath) } : {}),
    },
    api: { ...c.api, ...(c.api.caFile ? { caFile: abs(c.api.caFile) } : {}) },
    socket: { ...c.socket, path: c.socket.path ? abs(c.socket.path) : path.join(stateDir, 'agent.sock') },
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
