import { fileURLToPath } from 'node:url';
import type { SigningKey } from '@aura/core';
import { z } from 'zod';
import {
  parseCidrList,
  parseClusterNodes,
  parsedSetting,
  parseSigningKeys,
  parseTrustProxy,
  portSetting,
  postgresUrlSetting,
  type RedisNode,
  redisUrlSetting,
  urlSetting,
} from './setting-formats.js';

/**
 * Every setting the API and worker read, validated once at start-up. `process.env` is read here and
 * nowhere else. docs/configuration.md documents each variable; secrets are marked there. The text
 * formats of single settings (URLs, ports, address lists, signing keys) are in setting-formats.ts.
 */
export const AppConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: portSetting.default(4000),
  WORKER_HTTP_PORT: portSetting.optional(),
  DATABASE_URL: postgresUrlSetting.default('postgresql://postgres@127.0.0.1:5432/aura_fleet'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: redisUrlSetting.default('redis://127.0.0.1:6379'),
  // One optional `{hash tag}` puts every key of the deployment in one Redis Cluster slot, which
  // BullMQ's multi-key scripts need there (e.g. `{aura}`; see docs/deployment.md).
  REDIS_PREFIX: z
    .string()
    .regex(
      /^(?=.{1,64}$)[a-zA-Z0-9_.:-]*(\{[a-zA-Z0-9_.:-]+\})?[a-zA-Z0-9_.:-]*$/,
      'must be 1-64 characters of letters, digits, _ . : - with at most one {hash tag}, e.g. aura or {aura}',
    )
    .default('aura'),
  // Redis Cluster: the seed nodes (`host:port,host:port`); REDIS_URL then gives only TLS, user and
  // password. Every Redis client of the process becomes cluster-aware (docs/deployment.md).
  REDIS_CLUSTER_NODES: parsedSetting(parseClusterNodes),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  CONFIG_SIGNING_KEYS: parsedSetting(parseSigningKeys),
  CONFIG_SIGNING_KEY_ID: z.string().min(1).max(100).optional(),
  CONFIG_KEY_ENCRYPTION_KEY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value !== undefined && Buffer.from(value, 'base64').length !== 32) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be 32 random bytes in base64 (openssl rand -base64 32)',
        });
      }
    }),
  CONFIG_SIGNING_DEV_KEYS: z.enum(['true', 'false', '1', '0']).optional(),
  CONFIG_LONG_POLL_MAX_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  CONFIG_LONG_POLL_MAX_PER_PROCESS: z.coerce.number().int().min(1).max(1_000_000).default(15_000),
  AURA_MODEL_PATH: z.string().min(1).optional(),
  AURA_TAU_CURVE_PATH: z.string().min(1).optional(),
  TELEMETRY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TELEMETRY_MAX_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  TELEMETRY_MAX_STEP_RATE_HZ: z.coerce.number().min(1).max(1_000_000).default(1000),
  FLEET_SUMMARY_ON_DEMAND_MAX: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 16')
    .max(16, 'must be between 0 and 16')
    .default(4),
  FLEET_SUMMARY_ON_DEMAND_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number of minutes')
    .min(1, 'must be between 1 and 1440 minutes')
    .max(1440, 'must be between 1 and 1440 minutes')
    .default(15),
  AGENT_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(120),
  AGENT_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  ROLLOUT_EVALUATION_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  ROLLOUT_EVALUATION_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  WORKER_SCHEDULE_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  ROLLOUT_RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  AUTH_THROTTLE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(60),
  AUTH_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  ENROLL_THROTTLE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(30),
  ENROLL_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number of hours')
    .min(1, 'must be between 1 and 8760 hours')
    .max(8760, 'must be between 1 and 8760 hours')
    .default(8760),
  ENROLLMENT_TOKEN_MAX_USES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100000')
    .max(100_000, 'must be between 1 and 100000')
    .default(100_000),
  DASHBOARD_SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  DASHBOARD_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60 * 30)
    .default(120),
  TRUST_PROXY: parsedSetting(parseTrustProxy),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  ALERTS_EVALUATION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ALERTS_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  ALERTS_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  ALERTS_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  ALERTS_ALLOWED_TARGETS: parsedSetting(parseCidrList),
  DASHBOARD_PUBLIC_URL: urlSetting(['http:', 'https:'], 'https://dashboard.example.com', false).optional(),
});

export type AppConfigInput = z.input<typeof AppConfigSchema>;

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  /** `workerPort`: the worker's /livez, /readyz and /metrics (unset: the worker serves no HTTP). */
  http: {
    host: string;
    port: number;
    workerPort?: number;
    /** Fastify trustProxy: who may name the client address (X-Forwarded-For). */
    trustProxy: boolean | string[];
    /** Whole request (headers and body) must arrive within this; slow clients are dropped (408). */
    requestTimeoutMs: number;
    headersTimeoutMs: number;
  };
  /** How often the worker checks that its job schedulers are still in Redis (re-creating lost ones). */
  worker: { scheduleCheckIntervalMs: number };
  /** Evaluation jobs: attempts and first back-off (doubling); how often the reconciler runs. */
  rollouts: { evaluationAttempts: number; evaluationBackoffMs: number; reconcileIntervalMs: number };
  /** Bearer token /metrics and /metrics/fleet require (null: open, for a private scrape network). */
  metricsToken: string | null;
  /** What an enrolment token may be created with at most (a request over it: 400 naming the field). */
  enrollmentTokens: { maxLifetimeHours: number; maxUses: number };
  /** Dashboard sessions: ended `maxAgeMs` after sign-in, or after `idleMs` without a request. */
  dashboardSessions: { maxAgeMs: number; idleMs: number };
  /** Per client address: failed bearer-token look-ups and enrolment attempts per window (0: off). */
  clientThrottle: Record<'auth' | 'enroll', { limit: number; windowMs: number }>;
  /** `statementTimeoutMs`: PostgreSQL's statement_timeout on the API's connections (0: none). */
  database: { url: string; poolSize: number; statementTimeoutMs: number };
  /** `clusterNodes`: Redis Cluster seed nodes (REDIS_CLUSTER_NODES); null for one Redis server. */
  redis: { url: string; prefix: string; clusterNodes: RedisNode[] | null };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  healthCheckTimeoutMs: number;
  shutdownTimeoutMs: number;
  /**
   * Config-signing keys (docs/api.md, "Signing keys"). The keys themselves, their state (standby,
   * active, retired, revoked) and the key-set chain robots follow live in PostgreSQL, so every
   * process signs with the same key; this says where private halves come from.
   */
  signing: {
    /** CONFIG_SIGNING_KEYS: keys whose private half this process holds (imported at start). */
    keys: SigningKey[];
    /** The key to activate when none is active yet: CONFIG_SIGNING_KEY_ID, else the last listed. */
    initialActiveKeyId: string | undefined;
    /** CONFIG_KEY_ENCRYPTION_KEY: encrypts private halves of keys made by the API (AES-256-GCM). */
    encryptionKey: Buffer | undefined;
    /** CONFIG_SIGNING_DEV_KEYS: a development key, shared through the database, when nothing else is set. */
    developmentKeys: boolean;
  };
  configLongPollMaxSeconds: number;
  /** Config long-polls one API process holds at once; more get 503 + Retry-After. */
  configLongPollMaxPerProcess: number;
  bodyLimitBytes: number;
  telemetryRetentionDays: number;
  /**
   * The fleet summary's snapshot beyond its standard windows: each refresh also keeps at most
   * `onDemandMax` (window, target) pairs clients asked for within `onDemandRecencyMs`, the most
   * recently asked first (0: none).
   */
  fleetSummary: { onDemandMax: number; onDemandRecencyMs: number };
  /** What ingest accepts beyond the schema (checkTelemetryBounds): clock skew ahead, fastest step rate. */
  telemetryBounds: { maxClockSkewSeconds: number; maxStepRateHz: number };
  /** The committed AURA-Mem model the rollout preview simulates with. */
  modelPath: string;
  /** The model's τ curve (its `.tau-curve.json` beside it unless set): the autopilot predicts from it. */
  tauCurvePath: string;
  /** Requests per robot per window on agent endpoints; 0 disables the limit. */
  agentRateLimit: { limit: number; windowMs: number };
  alerts: {
    evaluationIntervalMs: number;
    deliveryAttempts: number;
    deliveryBackoffMs: number;
    deliveryTimeoutMs: number;
    /** Subnets notifications may reach although the SSRF guard refuses private/loopback addresses. */
    allowedTargets: ReturnType<typeof parseCidrList>;
    /** Base URL of the dashboard, for links in notifications (none when unset). */
    dashboardUrl: string | null;
  };
}

/** A configuration problem; `message` is one line naming the variable and what is wrong. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Treat empty strings as unset so `FOO= pnpm demo` falls back to the default rather than failing.
  const input = Object.fromEntries(
    Object.keys(AppConfigSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = AppConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'configuration');
      return { variable, text: `${variable} ${issue.message}` };
    });
    throw new ConfigError(
      `Invalid configuration: ${problems.map((p) => p.text).join('; ')}`,
      problems.map((p) => p.variable),
    );
  }
  const c = parsed.data;
  const signing = signingConfig(c);
  const clusterNodes = c.REDIS_CLUSTER_NODES === undefined ? null : parseClusterNodes(c.REDIS_CLUSTER_NODES);
  if (clusterNodes) checkClusterSettings(c.REDIS_PREFIX, c.REDIS_URL);
  const modelPath =
    c.AURA_MODEL_PATH ?? fileURLToPath(new URL('../../../../models/aura-mem-v2.onnx', import.meta.url));
  return {
    env: c.NODE_ENV,
    http: {
      host: c.HOST,
      port: c.PORT,
      ...(c.WORKER_HTTP_PORT !== undefined ? { workerPort: c.WORKER_HTTP_PORT } : {}),
      trustProxy: parseTrustProxy(c.TRUST_PROXY ?? 'false'),
      requestTimeoutMs: c.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: c.HTTP_HEADERS_TIMEOUT_MS,
    },
    worker: { scheduleCheckIntervalMs: c.WORKER_SCHEDULE_CHECK_SECONDS * 1000 },
    rollouts: {
      evaluationAttempts: c.ROLLOUT_EVALUATION_ATTEMPTS,
      evaluationBackoffMs: c.ROLLOUT_EVALUATION_BACKOFF_MS,
      reconcileIntervalMs: c.ROLLOUT_RECONCILE_INTERVAL_SECONDS * 1000,
    },
    metricsToken: c.METRICS_TOKEN ?? null,
    enrollmentTokens: {
      maxLifetimeHours: c.ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS,
      maxUses: c.ENROLLMENT_TOKEN_MAX_USES,
    },
    dashboardSessions: {
      maxAgeMs: c.DASHBOARD_SESSION_MAX_AGE_HOURS * 3_600_000,
      idleMs: c.DASHBOARD_SESSION_IDLE_MINUTES * 60_000,
    },
    clientThrottle: {
      auth: { limit: c.AUTH_THROTTLE_LIMIT, windowMs: c.AUTH_THROTTLE_WINDOW_SECONDS * 1000 },
      enroll: { limit: c.ENROLL_THROTTLE_LIMIT, windowMs: c.ENROLL_THROTTLE_WINDOW_SECONDS * 1000 },
    },
    database: {
      url: c.DATABASE_URL,
      poolSize: c.DATABASE_POOL_SIZE,
      statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    redis: { url: c.REDIS_URL, prefix: c.REDIS_PREFIX, clusterNodes },
    logLevel: c.LOG_LEVEL,
    healthCheckTimeoutMs: c.HEALTH_CHECK_TIMEOUT_MS,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    signing,
    configLongPollMaxSeconds: c.CONFIG_LONG_POLL_MAX_SECONDS,
    configLongPollMaxPerProcess: c.CONFIG_LONG_POLL_MAX_PER_PROCESS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    telemetryRetentionDays: c.TELEMETRY_RETENTION_DAYS,
    fleetSummary: {
      onDemandMax: c.FLEET_SUMMARY_ON_DEMAND_MAX,
      onDemandRecencyMs: c.FLEET_SUMMARY_ON_DEMAND_MINUTES * 60_000,
    },
    telemetryBounds: {
      maxClockSkewSeconds: c.TELEMETRY_MAX_CLOCK_SKEW_SECONDS,
      maxStepRateHz: c.TELEMETRY_MAX_STEP_RATE_HZ,
    },
    modelPath,
    tauCurvePath: c.AURA_TAU_CURVE_PATH ?? `${modelPath.replace(/\.onnx$/i, '')}.tau-curve.json`,
    agentRateLimit: { limit: c.AGENT_RATE_LIMIT, windowMs: c.AGENT_RATE_LIMIT_WINDOW_SECONDS * 1000 },
    alerts: {
      evaluationIntervalMs: c.ALERTS_EVALUATION_INTERVAL_SECONDS * 1000,
      deliveryAttempts: c.ALERTS_DELIVERY_ATTEMPTS,
      deliveryBackoffMs: c.ALERTS_DELIVERY_BACKOFF_MS,
      deliveryTimeoutMs: c.ALERTS_DELIVERY_TIMEOUT_MS,
      allowedTargets: parseCidrList(c.ALERTS_ALLOWED_TARGETS ?? ''),
      dashboardUrl: c.DASHBOARD_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    },
  };
}

/**
 * On Redis Cluster every key of the deployment must hash to one slot (BullMQ's scripts touch several
 * keys at once), so REDIS_PREFIX needs a `{hash tag}`; and a cluster has only database 0.
 */
function checkClusterSettings(prefix: string, redisUrl: string): void {
  if (!/\{[^{}]+\}/.test(prefix)) {
    throw new ConfigError(
      `Invalid configuration: REDIS_PREFIX "${prefix}" has no {hash tag}, which Redis Cluster (REDIS_CLUSTER_NODES) needs so that BullMQ's keys share one slot: use e.g. {${prefix}}`,
      ['REDIS_PREFIX'],
    );
  }
  const db = new URL(redisUrl).pathname.slice(1);
  if (db !== '' && db !== '0') {
    throw new ConfigError(
      `Invalid configuration: REDIS_URL names database ${db}, but Redis Cluster (REDIS_CLUSTER_NODES) has only database 0`,
      ['REDIS_URL'],
    );
  }
}

function signingConfig(c: {
  NODE_ENV: string;
  CONFIG_SIGNING_KEYS?: string | undefined;
  CONFIG_SIGNING_KEY_ID?: string | undefined;
  CONFIG_KEY_ENCRYPTION_KEY?: string | undefined;
  CONFIG_SIGNING_DEV_KEYS?: string | undefined;
}): AppConfig['signing'] {
  const developmentKeys = c.CONFIG_SIGNING_DEV_KEYS === 'true' || c.CONFIG_SIGNING_DEV_KEYS === '1';
  if (developmentKeys && c.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration: CONFIG_SIGNING_DEV_KEYS is refused in production (its key-encryption key is public)',
      ['CONFIG_SIGNING_DEV_KEYS'],
    );
  }
  const keys = c.CONFIG_SIGNING_KEYS === undefined ? [] : parseSigningKeys(c.CONFIG_SIGNING_KEYS);
  if (c.CONFIG_SIGNING_KEY_ID && !keys.some((key) => key.keyId === c.CONFIG_SIGNING_KEY_ID)) {
    throw new ConfigError(
      `Invalid configuration: CONFIG_SIGNING_KEY_ID "${c.CONFIG_SIGNING_KEY_ID}" is not among CONFIG_SIGNING_KEYS`,
      ['CONFIG_SIGNING_KEY_ID'],
    );
  }
  return {
    keys,
    initialActiveKeyId: c.CONFIG_SIGNING_KEY_ID ?? keys[keys.length - 1]?.keyId,
    encryptionKey: c.CONFIG_KEY_ENCRYPTION_KEY
      ? Buffer.from(c.CONFIG_KEY_ENCRYPTION_KEY, 'base64')
      : undefined,
    developmentKeys,
  };
}

/**
 * A process that signs configs (API, worker) needs a source of signing keys: CONFIG_SIGNING_KEYS,
 * CONFIG_KEY_ENCRYPTION_KEY (keys kept encrypted in the database) or, outside production,
 * CONFIG_SIGNING_DEV_KEYS=true. Without one it refuses to start: there are no throw-away keys.
 */
export function requireSigningKeySource(config: AppConfig): void {
  const { keys, encryptionKey, developmentKeys } = config.signing;
  if (keys.length === 0 && !encryptionKey && !developmentKeys) {
    throw new ConfigError(
      'Invalid configuration: no config-signing keys: set CONFIG_SIGNING_KEYS (pnpm admin generate-signing-key) or CONFIG_KEY_ENCRYPTION_KEY (keys kept encrypted in the database), or CONFIG_SIGNING_DEV_KEYS=true for development',
      ['CONFIG_SIGNING_KEYS', 'CONFIG_KEY_ENCRYPTION_KEY', 'CONFIG_SIGNING_DEV_KEYS'],
    );
  }
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
